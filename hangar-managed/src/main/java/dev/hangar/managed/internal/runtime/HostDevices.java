package dev.hangar.managed.internal.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Device nodes on the host, as moby's {@code oci.DevicesFromPath} reads them: a device node (a
 * symbolic link to one is followed), or every device node below a directory.
 */
final class HostDevices {
  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;

  /**
   * One device: its {@code linux.devices} entry and its {@code linux.resources.devices} rule.
   *
   * @param host the node on the host (a symbolic link given as the path is followed)
   * @param device {@code {path, type, major, minor, fileMode, uid, gid}}
   * @param rule {@code {allow: true, type, major, minor, access}}
   */
  record Found(Path host, ObjectNode device, ObjectNode rule) {}

  private HostDevices() {}

  /**
   * The devices at {@code hostPath}, seen at {@code containerPath} inside, with {@code access}
   * ({@code rwm}) granted.
   *
   * @return the devices, empty when the path is neither a device node nor a directory holding any
   * @throws IOException when the path cannot be read
   */
  static List<Found> fromPath(Path hostPath, String containerPath, String access)
      throws IOException {
    Path resolved = hostPath;
    if (Files.isSymbolicLink(hostPath)) {
      resolved = hostPath.toRealPath();
    }
    Optional<Found> one = device(resolved, containerPath, access);
    if (one.isPresent()) {
      return List.of(one.get());
    }
    List<Found> all = new ArrayList<>();
    if (Files.isDirectory(resolved)) {
      String prefix = resolved.toString();
      Files.walkFileTree(resolved, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
          String inside = containerPath + p.toString().substring(prefix.length());
          device(p, inside, access).ifPresent(all::add);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path p, IOException e) {
          return FileVisitResult.CONTINUE; // as moby: an unreadable entry is skipped
        }
      });
    }
    return all;
  }

  /** The device node at {@code p} (not followed), or empty when it is not one. */
  private static Optional<Found> device(Path p, String containerPath, String access)
      throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:mode,rdev,uid,gid",
        LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    String type = switch (mode & S_IFMT) {
      case S_IFBLK -> "b";
      case S_IFCHR -> "c";
      case S_IFIFO -> "p";
      default -> "";
    };
    if (type.isEmpty()) {
      return Optional.empty();
    }
    long rdev = (Long) a.get("rdev");
    long major = major(rdev);
    long minor = minor(rdev);
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("path", containerPath);
    d.put("type", type);
    d.put("major", major);
    d.put("minor", minor);
    d.put("fileMode", mode & 07777);
    d.put("uid", ((Integer) a.get("uid")).longValue() & 0xffffffffL);
    d.put("gid", ((Integer) a.get("gid")).longValue() & 0xffffffffL);
    return Optional.of(new Found(p, d,
        DockerDefaults.deviceRule(true, type, major, minor, access)));
  }

  /** glibc's {@code major()} of a {@code dev_t}. */
  static long major(long dev) {
    return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L);
  }

  /** glibc's {@code minor()} of a {@code dev_t}. */
  static long minor(long dev) {
    return (dev & 0xffL) | ((dev >>> 12) & 0xffffff00L);
  }
}
