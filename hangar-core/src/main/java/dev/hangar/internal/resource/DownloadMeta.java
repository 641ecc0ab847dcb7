package dev.hangar.internal.resource;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.api.resource.ExpireInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * What is kept beside a download ({@code .NAME.hangar-meta}) or beside its partial file
 * ({@code .NAME.hangar-part-meta}): where it came from and the resource's expiry information, so
 * that a later run can tell whether the copy is current or the partial file can be continued.
 *
 * @param schemaVersion the format's version, 1
 * @param uri the resource
 * @param range the range asked for ({@code A-B} or {@code A-}), or null for the whole resource
 * @param lastModified the resource's last-modified value, or null
 * @param etag the resource's entity tag, or null
 * @param size the finished file's size, or -1 for a partial file
 */
public record DownloadMeta(int schemaVersion, String uri, String range, String lastModified,
    String etag, long size) {
  /** The current format. */
  public static final int SCHEMA_VERSION = 1;

  /** Checks the fields. */
  public DownloadMeta {
    Objects.requireNonNull(uri, "uri");
  }

  /** Meta for a download of {@code uri} and {@code range} with {@code info}. */
  public static DownloadMeta of(URI uri, ByteRange range, ExpireInfo info, long size) {
    return new DownloadMeta(SCHEMA_VERSION, uri.toString(), rangeText(range),
        info.lastModified(), info.etag(), size);
  }

  /** Whether this describes a download of {@code uri} and {@code range}. */
  public boolean describes(URI other, ByteRange otherRange) {
    return schemaVersion == SCHEMA_VERSION && uri.equals(other.toString())
        && Objects.equals(range, rangeText(otherRange));
  }

  /** The expiry information kept. */
  public ExpireInfo expireInfo() {
    return new ExpireInfo(lastModified, etag);
  }

  /**
   * Reads a meta file.
   *
   * @return the meta, or empty when the file is absent or unreadable (then it is ignored)
   */
  public static Optional<DownloadMeta> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty(); // none, or not ours (a FIFO would block the read)
    }
    try {
      return Optional.of(MetaJson.read(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes this to {@code file} atomically (a temporary file beside it, then a rename). */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, MetaJson.write(this), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String rangeText(ByteRange r) {
    return r == null ? null : r.start() + "-" + (r.end() == -1 ? "" : Long.toString(r.end()));
  }
}
