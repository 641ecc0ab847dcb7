package dev.hangar.internal.resource;

import java.nio.file.Path;

/**
 * The files of one download: the final file and, beside it, the partial file and the two meta
 * files. Hidden (dot) names so that a directory listing shows finished files only.
 *
 * @param target the final file
 * @param part {@code .NAME.hangar-part}: the bytes while they arrive
 * @param meta {@code .NAME.hangar-meta}: the finished file's origin and expiry information
 * @param partMeta {@code .NAME.hangar-part-meta}: the partial file's, for {@code --resume}
 */
public record DownloadFiles(Path target, Path part, Path meta, Path partMeta) {
  /** The files for {@code target} (made absolute). */
  public static DownloadFiles of(Path target) {
    Path t = target.toAbsolutePath();
    String name = t.getFileName().toString();
    return new DownloadFiles(t, t.resolveSibling("." + name + ".hangar-part"),
        t.resolveSibling("." + name + ".hangar-meta"),
        t.resolveSibling("." + name + ".hangar-part-meta"));
  }
}
