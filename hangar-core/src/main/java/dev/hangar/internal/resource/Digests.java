package dev.hangar.internal.resource;

import dev.hangar.resource.ExpectedDigest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digest helpers for downloads. */
public final class Digests {
  private Digests() {}

  /** A fresh digest for {@code d}'s algorithm. */
  public static MessageDigest of(ExpectedDigest d) {
    try {
      return MessageDigest.getInstance(d.jdkName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + d.jdkName(), e);
    }
  }

  /** Feeds the first {@code n} bytes of {@code file} into {@code md}. */
  public static void update(MessageDigest md, Path file, long n) throws IOException {
    byte[] buf = new byte[Transfer.BUFFER_SIZE];
    try (InputStream in = Files.newInputStream(file)) {
      long left = n;
      while (left > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          throw new IOException(file + " is shorter than " + n + " bytes");
        }
        md.update(buf, 0, r);
        left -= r;
      }
    }
  }

  /** The lower-case hex digest of the whole {@code file}. */
  public static String ofFile(Path file, ExpectedDigest d) throws IOException {
    MessageDigest md = of(d);
    update(md, file, Files.size(file));
    return HexFormat.of().formatHex(md.digest());
  }
}
