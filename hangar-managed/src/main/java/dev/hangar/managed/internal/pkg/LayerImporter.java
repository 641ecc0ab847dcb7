package dev.hangar.managed.internal.pkg;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies the layers of a plugin image (tar, gzipped or not) to a rootfs, as moby's
 * {@code chrootarchive.ApplyLayer} does, with the checks of {@link PackageImporter}: the same
 * refusals ({@code ..}, absolute names, escaping links, devices, FIFOs, the size limit), entry
 * names relative to the rootfs ({@code ./bin/x}, {@code bin/x}).
 *
 * <p>Whiteouts as Docker applies them: {@code .wh.<name>} removes {@code <name>} of the layers
 * below, {@code .wh..wh..opq} empties its directory of what the layers below put there. Each
 * layer is extracted alone into a directory of its own, then merged over the layers below
 * (renames, never through a link: a link below that the layer replaces by a directory is
 * removed first); the merged tree's links are checked again.
 *
 * <p>Thread-safe (no shared state); each call needs its own {@code staging}.
 */
public final class LayerImporter {
  static final String WHITEOUT = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";

  private final Path staging;
  private final long maxBytes;
  private long used;
  private int layers;

  /**
   * An importer building {@code <staging>/rootfs}.
   *
   * @param staging an existing, empty, private directory
   * @param maxBytes the most bytes the rootfs's regular files may hold, all layers together
   */
  public LayerImporter(Path staging, long maxBytes) {
    this.staging = Objects.requireNonNull(staging, "staging");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes " + maxBytes + " < 0");
    }
    this.maxBytes = maxBytes;
  }

  /** {@code <staging>/rootfs}. */
  public Path rootfs() {
    return staging.resolve(TarExtractor.ROOTFS);
  }

  /**
   * Applies one layer over those applied before. Does not close {@code layer}.
   *
   * @param layer the layer's bytes, gzipped or not
   * @param name the layer, for messages (e.g. its digest)
   * @throws HangarException PACKAGE_INVALID naming the layer and its tar entry; IO_ERROR
   */
  public void apply(InputStream layer, String name) {
    Path dir = layers == 0 ? rootfs() : staging.resolve("layer-" + layers);
    ImportRules rules = ImportRules.defaults(maxBytes - used, ownedByRoot(staging));
    List<EntryPath> whiteouts = new ArrayList<>();
    List<EntryPath> opaque = new ArrayList<>();
    long bytes = extract(layer, dir, rules, "layer " + name, whiteouts, opaque);
    used += bytes;
    if (layers > 0) {
      try {
        for (EntryPath o : opaque) {
          clear(o);
        }
        for (EntryPath w : whiteouts) {
          remove(w);
        }
        merge(dir, rootfs());
        Trees.deleteRecursively(dir);
      } catch (IOException e) {
        throw PackageErrors.io("layer " + name, e);
      }
      audit("layer " + name);
    }
    layers++;
  }

  /** Finishes: an image without layers gets an empty rootfs. */
  public Path finish() {
    if (!Files.isDirectory(rootfs(), LinkOption.NOFOLLOW_LINKS)) {
      try {
        AtomicDirs.create(rootfs());
      } catch (IOException e) {
        throw PackageErrors.io("rootfs", e);
      }
    }
    return rootfs();
  }

  private static long extract(InputStream raw, Path dir, ImportRules rules, String layer,
      List<EntryPath> whiteouts, List<EntryPath> opaque) {
    try (PackageStreams.Counting counted =
            new PackageStreams.Counting(TarExtractor.decompress(raw));
        TarArchiveInputStream tar =
            new TarArchiveInputStream(counted, StandardCharsets.UTF_8.name())) {
      Budget budget = new Budget(rules);
      RootfsWriter rootfs = new RootfsWriter(dir, budget, rules);
      String last = layer + ": the start of the tar";
      TarArchiveEntry e;
      while ((e = TarExtractor.next(tar, last)) != null) {
        String where = layer + ": tar entry " + PackageErrors.quote(e.getName());
        budget.entry(where);
        EntryPath path = EntryPath.parse(e.getName(), rules.maxPathBytes(), where, "path");
        String base = path.isRoot() ? "" : path.parts().get(path.depth() - 1);
        if (base.equals(OPAQUE)) {
          opaque.add(path.prefix(path.depth() - 1));
        } else if (base.startsWith(WHITEOUT)) {
          List<String> parts = new ArrayList<>(path.parts());
          parts.set(parts.size() - 1, base.substring(WHITEOUT.length()));
          whiteouts.add(new EntryPath(parts));
        } else {
          write(rootfs, tar, e, path, where, rules);
        }
        last = where;
      }
      TarExtractor.checkEnd(counted, last);
      if (!rootfs.started()) {
        rootfs.directory(EntryPath.ROOT, EntryMeta.implicitDirectory(), layer);
      }
      rootfs.finish();
      return budget.bytes();
    } catch (IOException e) {
      throw PackageErrors.corrupt(layer, e);
    }
  }

  private static void write(RootfsWriter rootfs, TarArchiveInputStream tar, TarArchiveEntry e,
      EntryPath rel, String where, ImportRules rules) {
    if (rel.isRoot() && !e.isDirectory()) {
      throw PackageErrors.invalid(where, "the layer's root must be a directory");
    }
    EntryMeta meta = EntryMeta.of(e.getMode(), e.getLongUserId(), e.getLongGroupId(),
        e.getLastModifiedTime(), where);
    if (e.isDirectory()) {
      rootfs.directory(rel, meta, where);
    } else if (e.isSymbolicLink()) {
      rootfs.symlink(rel, e.getLinkName(), meta, where);
    } else if (e.isLink()) {
      EntryPath target = EntryPath.parse(e.getLinkName(), rules.maxPathBytes(), where,
          "hard link target " + PackageErrors.quote(e.getLinkName()));
      rootfs.hardLink(rel, target, where);
    } else if (e.isCharacterDevice() || e.isBlockDevice()) {
      throw PackageErrors.invalid(where, "device node (" + (e.isBlockDevice() ? "block" : "char")
          + " " + e.getDevMajor() + ":" + e.getDevMinor() + ") not allowed");
    } else if (e.isFIFO()) {
      throw PackageErrors.invalid(where, "FIFO not allowed");
    } else if (TarExtractor.isRegular(e)) {
      rootfs.file(rel, PackageStreams.guarded(tar, x -> PackageErrors.corrupt(where, x)),
          e.getSize(), meta, where);
    } else {
      throw PackageErrors.invalid(where, "entry type '" + (char) e.getLinkFlag()
          + "' not allowed");
    }
  }

  /** The path in the merged rootfs when every parent is a real directory; else empty. */
  private java.util.Optional<Path> real(EntryPath rel) throws IOException {
    Path p = rootfs();
    for (int i = 0; i < rel.depth() - 1; i++) {
      p = p.resolve(rel.parts().get(i));
      if (!isRealDir(p)) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.of(rel.isRoot() ? p : p.resolve(rel.parts().get(rel.depth() - 1)));
  }

  private void clear(EntryPath dir) throws IOException {
    java.util.Optional<Path> p = real(dir);
    if (p.isPresent() && isRealDir(p.get())) {
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.get())) {
        ds.forEach(children::add);
      }
      for (Path c : children) {
        Trees.deleteRecursively(c);
      }
    }
  }

  private void remove(EntryPath w) throws IOException {
    if (w.isRoot()) {
      return;
    }
    java.util.Optional<Path> p = real(w);
    if (p.isPresent()) {
      Trees.deleteRecursively(p.get());
    }
  }

  /** Moves what {@code upper} holds over {@code lower}; directories merge, the rest replaces. */
  private static void merge(Path upper, Path lower) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(upper)) {
      ds.forEach(children::add);
    }
    for (Path u : children) {
      Path l = lower.resolve(u.getFileName().toString());
      if (isRealDir(u) && isRealDir(l)) {
        merge(u, l);
        copyDirMeta(u, l);
      } else {
        Trees.deleteRecursively(l);
        Files.move(u, l);
      }
    }
  }

  private static void copyDirMeta(Path from, Path to) throws IOException {
    Files.setAttribute(to, "unix:mode", Files.getAttribute(from, "unix:mode",
        LinkOption.NOFOLLOW_LINKS), LinkOption.NOFOLLOW_LINKS);
    Files.setLastModifiedTime(to, Files.getLastModifiedTime(from, LinkOption.NOFOLLOW_LINKS));
  }

  private void audit(String where) {
    List<SymlinkCheck.Link> links = new ArrayList<>();
    Path root = rootfs();
    try (Stream<Path> all = Files.walk(root)) {
      all.filter(Files::isSymbolicLink).forEach(p -> {
        List<String> parts = new ArrayList<>();
        root.relativize(p).forEach(c -> parts.add(c.toString()));
        links.add(new SymlinkCheck.Link(new EntryPath(parts), where + ": rootfs/"
            + root.relativize(p)));
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, where + ": cannot check the links of "
          + root + ": " + e, e);
    }
    SymlinkCheck.audit(root, links);
  }

  private static boolean isRealDir(Path p) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      return a.isDirectory() && !a.isSymbolicLink();
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  private static boolean ownedByRoot(Path dir) {
    try {
      return (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) == 0;
    } catch (IOException e) {
      throw PackageErrors.io("staging directory " + PackageErrors.quote(dir.toString()), e);
    }
  }

  /** Private directories. */
  private static final class AtomicDirs {
    static void create(Path p) throws IOException {
      Files.createDirectory(p, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    }
  }
}
