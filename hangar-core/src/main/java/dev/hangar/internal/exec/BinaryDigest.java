package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecFailedException;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an exec plugin's executable against its declared {@code sha256} before every start, as
 * go-plugin's {@code SecureConfig} does.
 *
 * <p>The digest of a file is cached by path together with the file's identity and change stamp
 * (device, inode, size, modification time and status-change time, read with one {@code stat}
 * per call): any write, replacement, {@code touch} or rename onto the path changes one of them
 * (ctime cannot be set back by a user), so a cached digest is only reused for the same bytes.
 * What this cannot prevent is a swap between the check and the {@code exec}; go-plugin has the
 * same window. Thread-safe.
 */
final class BinaryDigest {
  private static final String STAT = "unix:dev,ino,size,lastModifiedTime,ctime";

  private final Map<Path, Entry> cache = new ConcurrentHashMap<>();

  /**
   * Throws unless {@code d} declares no digest or its executable has it.
   *
   * @throws HangarException {@code DIGEST_MISMATCH} naming the plugin, file, expected and actual
   *     digest
   * @throws ExecFailedException {@code EXEC_FAILED} when the file cannot be read
   */
  void check(ExecDomain d, String method) {
    if (d.digest().isEmpty()) {
      return;
    }
    String expected = d.digest().get();
    String actual;
    try {
      actual = of(d.path());
    } catch (IOException e) {
      throw new ExecFailedException(ErrorCode.EXEC_FAILED, d.name(), method, -1,
          "cannot read " + d.path() + " to check its sha256: " + e.getMessage(), e);
    }
    if (!actual.equalsIgnoreCase(expected)) {
      throw new HangarException(ErrorCode.DIGEST_MISMATCH, "exec plugin " + d.name() + ": "
          + d.path() + " has sha256 " + actual + ", the declaration in " + d.source()
          + " expects " + expected + "; not started");
    }
  }

  /** The lower-case hex SHA-256 of {@code file}, from the cache when the file is unchanged. */
  String of(Path file) throws IOException {
    Map<String, Object> stat = Files.readAttributes(file, STAT);
    String stamp = stat.toString();
    Entry e = cache.get(file);
    if (e != null && e.stamp.equals(stamp)) {
      return e.digest;
    }
    String digest = hash(file);
    // Stat again: a file written while it was hashed must not be cached under the old stamp.
    if (Files.readAttributes(file, STAT).toString().equals(stamp)) {
      cache.put(file, new Entry(stamp, digest));
    }
    return digest;
  }

  private static String hash(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private record Entry(String stamp, String digest) {}
}
