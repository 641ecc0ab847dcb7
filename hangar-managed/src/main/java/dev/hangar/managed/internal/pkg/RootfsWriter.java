package dev.hangar.managed.internal.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the entries of a rootfs under {@code root}, shared by tar and directory sources.
 *
 * <p>It never follows a link: every parent is created here or checked to be a real directory
 * (a parent that is a link is refused), files are created with {@code O_EXCL}, and attributes
 * are set with {@code NOFOLLOW_LINKS}. A directory is never replaced, and never replaces a file
 * or link; a file or link replaces an earlier file or link of the same name (the old one is
 * unlinked, never written through). Directories are {@code 0700} while
 * extracting; their modes, owners and times are set by {@link #finish}, deepest first, so a
 * read-only directory in the package does not stop its own extraction.
 *
 * <p>Errors: PACKAGE_INVALID for the package's faults; IO_ERROR when the staging directory
 * cannot be written. Not thread-safe.
 */
final class RootfsWriter {
  private static final int BUFFER = 64 * 1024;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  /** Linux's PATH_MAX, the terminating NUL included: the longest path a system call takes. */
  private static final int PATH_MAX = 4096;

  private final Path root;
  private final Budget budget;
  private final ImportRules rules;
  private final Map<String, Dir> dirs = new HashMap<>();
  private final Set<String> files = new HashSet<>();
  private final Map<String, SymlinkCheck.Link> links = new LinkedHashMap<>();
  private boolean started;

  private record Dir(EntryPath path, EntryMeta meta) {}

  RootfsWriter(Path root, Budget budget, ImportRules rules) {
    this.root = root;
    this.budget = budget;
    this.rules = rules;
  }

  /** Whether any rootfs entry was written (else there is no rootfs). */
  boolean started() {
    return started;
  }

  /** A directory; {@link EntryPath#ROOT} is the rootfs itself. */
  void directory(EntryPath rel, EntryMeta meta, String where) {
    start(where);
    if (!rel.isRoot()) {
      Path p = checkLength(parentOf(rel, where).resolve(rel.last()), where);
      BasicFileAttributes a = lstat(p, where);
      if (a == null) {
        mkdir(p, where);
      } else if (a.isSymbolicLink() || !a.isDirectory()) {
        throw PackageErrors.invalid(where, "a directory cannot replace the file or link "
            + "extracted before it");
      }
    }
    dirs.put(rel.toString(), new Dir(rel, meta));
  }

  /** A regular file: {@code content} is copied and counted against the budget. */
  void file(EntryPath rel, InputStream content, long declaredSize, EntryMeta meta, String where) {
    Path p = replaceable(rel, where);
    budget.expect(declaredSize, where);
    OutputStream out;
    try {
      out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          NOFOLLOW);
    } catch (IOException e) {
      throw PackageErrors.io(where, e);
    }
    try (OutputStream o = out) {
      byte[] buf = new byte[BUFFER];
      int n;
      while ((n = content.read(buf)) >= 0) {
        budget.add(n, where);
        o.write(buf, 0, n);
      }
    } catch (IOException e) {
      // content reads do not throw IOException (see PackageStreams.guarded): this is a write.
      throw PackageErrors.io(where, e);
    }
    setMeta(p, meta, false, where);
    files.add(rel.toString());
  }

  /** A symlink, checked by {@link SymlinkCheck#checkTarget}; only its owner is kept. */
  void symlink(EntryPath rel, String target, EntryMeta meta, String where) {
    SymlinkCheck.checkTarget(rel, target, rules.maxPathBytes(), where);
    Path p = replaceable(rel, where);
    try {
      Files.createSymbolicLink(p, Path.of(target));
    } catch (IOException e) {
      throw PackageErrors.io(where, e);
    }
    setMeta(p, meta, true, where);
    links.put(rel.toString(), new SymlinkCheck.Link(rel, where));
  }

  /** A hard link to {@code target}, which must be a regular file written earlier. */
  void hardLink(EntryPath rel, EntryPath target, String where) {
    String problem = "hard link target " + PackageErrors.quote("rootfs/" + target)
        + " is not a regular file extracted before it";
    if (rel.equals(target) || !files.contains(target.toString())) {
      throw PackageErrors.invalid(where, problem);
    }
    Path existing = target.under(root);
    BasicFileAttributes a = lstat(existing, where);
    if (a == null || !a.isRegularFile()) {
      throw PackageErrors.invalid(where, problem);
    }
    Path p = replaceable(rel, where);
    try {
      Files.createLink(p, existing);
    } catch (IOException e) {
      throw PackageErrors.io(where, e);
    }
    files.add(rel.toString());
  }

  /**
   * Audits the symlinks ({@link SymlinkCheck#audit}), then sets the directories' modes, owners
   * and times, deepest first.
   */
  void finish() {
    SymlinkCheck.audit(root, links.values());
    List<Dir> all = new ArrayList<>(dirs.values());
    all.sort(Comparator.comparingInt((Dir d) -> d.path().depth()).reversed());
    for (Dir d : all) {
      setMeta(d.path().under(root), d.meta(), false, "rootfs/" + d.path());
    }
  }

  private void start(String where) {
    if (!started) {
      try {
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
      } catch (IOException e) {
        throw PackageErrors.io(where, e);
      }
      dirs.put("", new Dir(EntryPath.ROOT, EntryMeta.implicitDirectory()));
      started = true;
    }
  }

  /** The path for a new file or link at {@code rel}, with whatever file or link was there gone. */
  private Path replaceable(EntryPath rel, String where) {
    start(where);
    if (rel.isRoot()) {
      throw PackageErrors.invalid(where, "rootfs must be a directory");
    }
    Path p = checkLength(parentOf(rel, where).resolve(rel.last()), where);
    BasicFileAttributes a = lstat(p, where);
    if (a != null) {
      if (a.isDirectory() && !a.isSymbolicLink()) {
        throw PackageErrors.invalid(where, "would replace the directory extracted before it");
      }
      try {
        Files.delete(p); // the file or the link itself, never what a link points to
      } catch (IOException e) {
        throw PackageErrors.io(where, e);
      }
      files.remove(rel.toString());
      links.remove(rel.toString());
    }
    return p;
  }

  /** The parent directory of {@code rel}, created as needed; every component a real directory. */
  private Path parentOf(EntryPath rel, String where) {
    Path p = root;
    for (int i = 0; i < rel.depth() - 1; i++) {
      EntryPath prefix = rel.prefix(i + 1);
      p = checkLength(p.resolve(rel.parts().get(i)), where);
      if (dirs.containsKey(prefix.toString())) {
        continue; // created or checked here before; a directory is never replaced
      }
      BasicFileAttributes a = lstat(p, where);
      if (a == null) {
        mkdir(p, where);
        dirs.put(prefix.toString(), new Dir(prefix, EntryMeta.implicitDirectory()));
      } else {
        String name = PackageErrors.quote("rootfs/" + prefix);
        throw PackageErrors.invalid(where, a.isSymbolicLink()
            ? "path goes through the symlink " + name
            : "path goes through " + name + ", which is not a directory");
      }
    }
    return p;
  }

  /** Java has no {@code openat}: the whole path, staging included, must fit in PATH_MAX. */
  private static Path checkLength(Path p, String where) {
    if (p.toString().getBytes(StandardCharsets.UTF_8).length >= PATH_MAX) {
      throw PackageErrors.invalid(where, "path is too long to extract here (over "
          + (PATH_MAX - 1) + " bytes with the staging directory)");
    }
    return p;
  }

  private static BasicFileAttributes lstat(Path p, String where) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw PackageErrors.io(where, e);
    }
  }

  private static void mkdir(Path p, String where) {
    try {
      Files.createDirectory(p, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      throw PackageErrors.invalid(where, "exists already");
    } catch (IOException e) {
      throw PackageErrors.io(where, e);
    }
  }

  /** Owner first (chown clears setuid), then mode, then time; only the owner for a link. */
  private void setMeta(Path p, EntryMeta meta, boolean link, String where) {
    try {
      if (rules.asRoot() && meta.uid() >= 0) {
        Files.setAttribute(p, "unix:uid", (int) meta.uid(), NOFOLLOW);
        Files.setAttribute(p, "unix:gid", (int) meta.gid(), NOFOLLOW);
      }
      if (!link) {
        int mode = meta.mode() & (rules.asRoot() ? 07777 : 01777);
        Files.setAttribute(p, "unix:mode", mode, NOFOLLOW);
        if (meta.mtime().isPresent()) {
          Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW)
              .setTimes(meta.mtime().get(), null, null);
        }
      }
    } catch (IOException e) {
      throw PackageErrors.io(where, e);
    }
  }
}
