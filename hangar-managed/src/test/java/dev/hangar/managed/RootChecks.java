package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.managed.internal.ref.PluginIds;
import dev.hangar.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a managed root must look like when no operation runs on it (after a failure, or after a
 * kill once the next owner opened it): no staging or temporary file left (nor what an upgrade
 * stages in a plugin's directory), and a blob store whose every blob is whole and verifies.
 */
final class RootChecks {
  private RootChecks() {}

  /** {@code <root>/managed}. */
  static Path managed(Path root) {
    return root.resolve("managed");
  }

  /** What an upgrade stages in a plugin's directory, gone once it is finished or undone. */
  private static final List<String> UPGRADE_STAGING = List.of("rootfs.new", "rootfs.old",
      "upgrade.json");

  /**
   * The plugin directories; fails on anything else at the top of {@code managed/} but the lock,
   * the blob store and an empty {@code tmp/}, and on temporary files or an upgrade's staging
   * inside a plugin.
   */
  static List<String> pluginDirs(Path root, String where) throws IOException {
    List<String> dirs = new ArrayList<>();
    Path managed = managed(root);
    if (!Files.isDirectory(managed)) {
      return dirs;
    }
    for (Path p : list(managed)) {
      String name = p.getFileName().toString();
      if (name.equals(".lock") || name.equals("blobs")) {
        continue;
      }
      if (name.equals("tmp")) {
        assertThat(list(p)).as("%s: staging left in %s", where, p).isEmpty();
        continue;
      }
      assertThat(PluginIds.isFullId(name)).as("%s: leftover %s", where, name).isTrue();
      assertThat(p.resolve("config.json")).as(where).isRegularFile();
      assertThat(p.resolve("rootfs")).as(where).isDirectory();
      assertThat(list(p)).as("%s: temporary files in %s", where, name)
          .noneMatch(f -> f.getFileName().toString().contains(".tmp-"));
      assertThat(list(p)).as("%s: an upgrade's staging left in %s", where, name)
          .noneMatch(f -> UPGRADE_STAGING.contains(f.getFileName().toString()));
      dirs.add(name);
    }
    return dirs;
  }

  /**
   * Every file of the blob store is a blob named by its digest whose bytes match it, or (when
   * {@code partialsAllowed}) a partial download, which never counts as a blob; its {@code tmp/}
   * is empty.
   *
   * @return the verified blobs' hex digests
   */
  static List<String> verifiedBlobs(Path root, boolean partialsAllowed, String where)
      throws IOException {
    Path store = managed(root).resolve("blobs");
    List<String> blobs = new ArrayList<>();
    if (!Files.isDirectory(store)) {
      return blobs;
    }
    Path tmp = store.resolve("tmp");
    if (Files.isDirectory(tmp)) {
      assertThat(list(tmp)).as("%s: temporary blobs left", where).isEmpty();
    }
    Path sha = store.resolve(Digest.ALGORITHM);
    for (Path p : Files.isDirectory(sha) ? list(sha) : List.<Path>of()) {
      String name = p.getFileName().toString();
      if (name.endsWith(".partial")) {
        assertThat(partialsAllowed).as("%s: partial blob %s", where, name).isTrue();
        continue;
      }
      assertThat(sha256(p)).as("%s: blob %s verifies", where, name).isEqualTo(name);
      blobs.add(name);
    }
    return blobs;
  }

  /** The file's SHA-256, in hex. */
  static String sha256(Path p) throws IOException {
    MessageDigest md = Digest.newSha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
