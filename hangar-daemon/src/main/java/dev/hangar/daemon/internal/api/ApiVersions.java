package dev.hangar.daemon.internal.api;

/**
 * The Engine API versions the daemon speaks, and moby's comparison of dotted versions
 * ({@code versions.compare}: numeric parts left to right, a missing or non-numeric part is 0).
 */
final class ApiVersions {
  /**
   * The version the daemon reports and serves at most. The plugin routes have not changed since
   * 1.26; current Docker clients (which need 1.40 or newer) negotiate down to it.
   */
  static final String CURRENT = "1.41";
  /** The oldest version accepted under a {@code /vX.Y} prefix (dockerd's minimum). */
  static final String MIN = "1.24";

  private ApiVersions() {}

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? part(x[i]) : 0;
      long q = i < y.length ? part(y[i]) : 0;
      if (p != q) {
        return p < q ? -1 : 1;
      }
    }
    return 0;
  }

  static boolean lessThan(String a, String b) {
    return compare(a, b) < 0;
  }

  private static long part(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
