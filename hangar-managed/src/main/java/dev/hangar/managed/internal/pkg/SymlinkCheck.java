package dev.hangar.managed.internal.pkg;

import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Symlinks may point anywhere inside the rootfs, absolute targets included ({@code /bin/busybox}
 * means the container's {@code /bin/busybox}), but never above its root.
 *
 * <p>Two checks. {@link #checkTarget}, as each link is extracted, resolves its target lexically
 * from the link's directory. {@link #audit}, once everything is extracted, resolves every link
 * again through the links actually on disk, as the kernel would with the rootfs as {@code /}:
 * links that each stay inside can still climb out together ({@code x/y -> ..}, {@code a -> x/y},
 * {@code l -> a/..}). A chain longer than the kernel's 40 links, or a path through a file, does
 * not resolve at all and is let through.
 */
final class SymlinkCheck {
  private static final int MAX_LINKS_PER_PATH = 40;
  private static final long MAX_STEPS = 10_000_000;

  /** An extracted link: where it is in the rootfs and what to call it in a message. */
  record Link(EntryPath path, String where) {}

  private SymlinkCheck() {}

  /**
   * Refuses a target that is empty, holds a NUL, is too long, or climbs above the root.
   *
   * @throws dev.hangar.protocol.HangarException PACKAGE_INVALID naming {@code where}
   */
  static void checkTarget(EntryPath link, String target, int maxBytes, String where) {
    if (target.isEmpty()) {
      throw PackageErrors.invalid(where, "symlink has an empty target");
    }
    if (target.indexOf('\0') >= 0) {
      throw PackageErrors.invalid(where, "symlink target contains a NUL byte");
    }
    if (target.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw PackageErrors.invalid(where, "symlink target is longer than " + maxBytes + " bytes");
    }
    Deque<String> dir = new ArrayDeque<>(target.startsWith("/") ? List.of()
        : link.parent().parts());
    for (String c : target.split("/")) {
      if (c.equals("..")) {
        if (dir.isEmpty()) {
          throw escapes(where, target, "");
        }
        dir.removeLast();
      } else if (!c.isEmpty() && !c.equals(".")) {
        dir.addLast(c);
      }
    }
  }

  /**
   * Resolves every link in {@code links} through the rootfs at {@code root}, never following a
   * link out of it.
   *
   * @throws dev.hangar.protocol.HangarException PACKAGE_INVALID naming the first link that
   *     climbs above the root, IO_ERROR if the rootfs cannot be read
   */
  static void audit(Path root, Collection<Link> links) {
    long[] steps = {0};
    for (Link link : links) {
      try {
        resolve(root, link, steps);
      } catch (IOException e) {
        throw PackageErrors.io(link.where(), e);
      }
    }
  }

  private static void resolve(Path root, Link link, long[] steps) throws IOException {
    String target = Files.readSymbolicLink(link.path().under(root)).toString();
    List<String> dir = new ArrayList<>(target.startsWith("/") ? List.of()
        : link.path().parent().parts());
    Deque<String> todo = new ArrayDeque<>(List.of(target.split("/")));
    int followed = 0;
    while (!todo.isEmpty()) {
      if (++steps[0] > MAX_STEPS) {
        throw PackageErrors.invalid(link.where(), "too many symlinks to check");
      }
      String c = todo.removeFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (dir.isEmpty()) {
          throw escapes(link.where(), target, " (through the other links in the rootfs)");
        }
        dir.remove(dir.size() - 1);
        continue;
      }
      dir.add(c);
      Path p = new EntryPath(dir).under(root);
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        continue; // nothing there: go on lexically, which refuses more, never less
      } catch (IOException e) {
        return; // e.g. ENOTDIR: the kernel would not resolve it either
      }
      if (a.isSymbolicLink()) {
        if (++followed > MAX_LINKS_PER_PATH) {
          return; // ELOOP
        }
        String next = Files.readSymbolicLink(p).toString();
        dir.remove(dir.size() - 1);
        if (next.startsWith("/")) {
          dir.clear();
        }
        String[] parts = next.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
          todo.addFirst(parts[i]);
        }
      } else if (!a.isDirectory()) {
        return; // a file with more to come: ENOTDIR
      }
    }
  }

  private static HangarException escapes(String where, String target, String how) {
    return PackageErrors.invalid(where, "symlink target " + PackageErrors.quote(target)
        + " escapes the rootfs" + how);
  }
}
