package dev.hangar.managed.internal.pkg;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.IoErrors;
import java.io.IOException;

/** The errors of an import, each naming the tar entry or file it concerns. */
final class PackageErrors {
  private PackageErrors() {}

  /** {@link ErrorCode#PACKAGE_INVALID}: {@code <where>: <problem>}. */
  static HangarException invalid(String where, String problem) {
    return new HangarException(ErrorCode.PACKAGE_INVALID, where + ": " + problem);
  }

  /** {@link ErrorCode#PACKAGE_INVALID} for a package that cannot be read any further. */
  static HangarException corrupt(String where, IOException cause) {
    return new HangarException(ErrorCode.PACKAGE_INVALID,
        where + ": truncated or corrupt archive (" + cause.getMessage() + ")", cause);
  }

  /**
   * {@link ErrorCode#IO_ERROR}: reading a source file or writing the staging directory failed;
   * {@link ErrorCode#DISK_FULL} when the disk filled up.
   */
  static HangarException io(String where, IOException cause) {
    return IoErrors.writeFailed(where + ": " + cause, cause);
  }

  /**
   * {@code "s"}, with quotes, backslashes and control characters escaped; a name longer than 256
   * characters keeps its first 160 and last 80, around {@code …}.
   */
  static String quote(String s) {
    if (s.length() > 256) {
      s = s.substring(0, 160) + "\u2026" + s.substring(s.length() - 80);
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
