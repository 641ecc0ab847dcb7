package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecFailedException;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks an exec plugin's executable against its declared {@code sha256} before every start, as
 * go-plugin's {@code SecureConfig} does.
 *
 * <p>The digest of a file is cached by path together with the file's identity and change stamp
 * (device, inode, size, modification time and status-change time, read with one {@code stat}
 * per call): any write, replacement, {@code touch} or rename onto the path changes one of them
 * (ctime cannot be set back by a user), so a cached digest is only reused for the same bytes.
 * File times tick coarsely (a few milliseconds), so a file changed in the last 2 s is not cached
 * but hashed at every start, as git does with "racily clean" entries.
 * What this cannot prevent is a swap between the check and the {@code exec}; go-plugin has the
 * same window. Thread-safe.
 */
final class BinaryDigest {
  private static final String STAT = "unix:dev,ino,size,lastModifiedTime,ctime";
  /** A file changed less than this long ago is hashed every time (as git treats "racy" files). */
  private static final long RACY_MILLIS = 2000;

  private final Map<Path, Entry> cache = new ConcurrentHashMap<>();
  private final long racyMillis;
  private final AtomicInteger hashes = new AtomicInteger();

  BinaryDigest() {
    this(RACY_MILLIS);
  }

  /** With another "racy" window; for tests. */
  BinaryDigest(long racyMillis) {
    this.racyMillis = racyMillis;
  }

  /** How many times a file was hashed (not taken from the cache). For tests. */
  int hashes() {
    return hashes.get();
  }

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
    long now = System.currentTimeMillis();
    Map<String, Object> stat = Files.readAttributes(file, STAT);
    String stamp = stat.toString();
    Entry e = cache.get(file);
    if (e != null && e.stamp.equals(stamp)) {
      return e.digest;
    }
    String digest = hash(file);
    // Cache only a file changed long enough ago that a later change cannot carry the same
    // timestamps (file times tick coarsely), and unchanged while it was hashed.
    long changed = ((FileTime) stat.get("ctime")).toMillis();
    if (now - changed > racyMillis && Files.readAttributes(file, STAT).toString().equals(stamp)) {
      cache.put(file, new Entry(stamp, digest));
    }
    return digest;
  }

  private String hash(Path file) throws IOException {
    hashes.incrementAndGet();
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
