package dev.hangar.daemon.internal.api;

import java.util.Optional;

/**
 * A request path split as dockerd's router does: an optional {@code /v<version>} prefix (digits
 * and dots only, e.g. {@code /v1.41}) and the route path after it.
 *
 * @param version the version of the prefix, when there is one
 * @param path the path without the prefix, starting with {@code /}
 */
record VersionedPath(Optional<String> version, String path) {

  /** Splits {@code path}; a prefix with nothing after it is not a prefix. */
  static VersionedPath of(String path) {
    if (path.length() > 2 && path.charAt(0) == '/' && path.charAt(1) == 'v') {
      int i = 2;
      while (i < path.length() && isVersionChar(path.charAt(i))) {
        i++;
      }
      if (i > 2 && i < path.length() && path.charAt(i) == '/') {
        return new VersionedPath(Optional.of(path.substring(2, i)), path.substring(i));
      }
    }
    return new VersionedPath(Optional.empty(), path);
  }

  private static boolean isVersionChar(char c) {
    return (c >= '0' && c <= '9') || c == '.';
  }
}
