package dev.hangar.managed.internal.ref;

/**
 * The pieces of distribution/reference's grammar ({@code regexp.go}) and go-digest's checks, as
 * plain scans. ASCII only, as in Go: {@code \w} is {@code [0-9A-Za-z_]}.
 */
final class Grammar {
  private static final int TAG_MAX = 128;
  private static final int DIGEST_HEX_MIN = 32;

  private Grammar() {}

  /** {@code ^[a-f0-9]{64}$}. */
  static boolean isFullHexId(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isLowerHex(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code [\w][\w.-]{0,127}}. */
  static boolean isTag(String t) {
    if (t.isEmpty() || t.length() > TAG_MAX || !isWord(t.charAt(0))) {
      return false;
    }
    for (int i = 1; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!isWord(c) && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code pathComponent(/pathComponent)*}. */
  static boolean isRemoteName(String r) {
    int start = 0;
    while (true) {
      int slash = r.indexOf('/', start);
      int end = slash < 0 ? r.length() : slash;
      if (!isPathComponent(r, start, end)) {
        return false;
      }
      if (slash < 0) {
        return true;
      }
      start = slash + 1;
    }
  }

  /** {@code [a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*} on {@code s[from, to)}. */
  private static boolean isPathComponent(String s, int from, int to) {
    int i = from;
    while (true) {
      if (i >= to || !isLowerAlnum(s.charAt(i))) {
        return false;
      }
      while (i < to && isLowerAlnum(s.charAt(i))) {
        i++;
      }
      if (i == to) {
        return true;
      }
      char c = s.charAt(i);
      if (c == '.') {
        i++;
      } else if (c == '_') {
        i += i + 1 < to && s.charAt(i + 1) == '_' ? 2 : 1;
      } else if (c == '-') {
        while (i < to && s.charAt(i) == '-') {
          i++;
        }
      } else {
        return false;
      }
    }
  }

  /** {@code (?:domainName|\[[a-fA-F0-9:]+\])(?::[0-9]+)?}. */
  static boolean isDomainAndPort(String d) {
    String port;
    if (d.startsWith("[")) {
      int close = d.indexOf(']');
      if (close < 2) {
        return false;
      }
      for (int i = 1; i < close; i++) {
        char c = d.charAt(i);
        if (!isHex(c) && c != ':') {
          return false;
        }
      }
      port = d.substring(close + 1);
    } else {
      int colon = d.indexOf(':');
      if (!isDomainName(colon < 0 ? d : d.substring(0, colon))) {
        return false;
      }
      port = colon < 0 ? "" : d.substring(colon);
    }
    return port.isEmpty() || port.charAt(0) == ':' && isDigits(port, 1);
  }

  /** {@code comp(\.comp)*}, comp = {@code [a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]}. */
  private static boolean isDomainName(String host) {
    int start = 0;
    while (true) {
      int dot = host.indexOf('.', start);
      int end = dot < 0 ? host.length() : dot;
      if (end == start || host.charAt(start) == '-' || host.charAt(end - 1) == '-') {
        return false;
      }
      for (int i = start; i < end; i++) {
        char c = host.charAt(i);
        if (!isAlnum(c) && c != '-') {
          return false;
        }
      }
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
  }

  /** {@code [A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}}. */
  static boolean isDigest(String d) {
    int colon = d.indexOf(':');
    if (colon < 0 || d.length() - colon - 1 < DIGEST_HEX_MIN) {
      return false;
    }
    for (int i = colon + 1; i < d.length(); i++) {
      if (!isHex(d.charAt(i))) {
        return false;
      }
    }
    boolean wantLetter = true;
    for (int i = 0; i < colon; i++) {
      char c = d.charAt(i);
      if (wantLetter) {
        if (!isLetter(c)) {
          return false;
        }
        wantLetter = false;
      } else if (c == '-' || c == '_' || c == '+' || c == '.') {
        wantLetter = true;
      } else if (!isAlnum(c)) {
        return false;
      }
    }
    return !wantLetter;
  }

  /**
   * go-digest's {@code Digest.Validate} on a string that {@link #isDigest} accepted: the message
   * it would return, or null when the digest is valid.
   */
  static String digestProblem(String d) {
    int colon = d.indexOf(':');
    String algorithm = d.substring(0, colon);
    String encoded = d.substring(colon + 1);
    int hexLength = switch (algorithm) {
      case "sha256" -> 64;
      case "sha384" -> 96;
      case "sha512" -> 128;
      default -> -1;
    };
    if (hexLength < 0) {
      // go-digest's DigestRegexp: a lower-case algorithm is merely unsupported.
      return algorithm.equals(lower(algorithm)) ? "unsupported digest algorithm"
          : "invalid checksum digest format";
    }
    if (encoded.length() != hexLength) {
      return "invalid checksum digest length";
    }
    for (int i = 0; i < encoded.length(); i++) {
      if (!isLowerHex(encoded.charAt(i))) {
        return "invalid checksum digest format";
      }
    }
    return null;
  }

  /** Go's {@code strings.ToLower}: the simple lower-case mapping of each code point. */
  static String lower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(cp)));
    return b.toString();
  }

  private static boolean isDigits(String s, int from) {
    if (from >= s.length()) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isAlnum(char c) {
    return isLetter(c) || c >= '0' && c <= '9';
  }

  private static boolean isLowerAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  private static boolean isWord(char c) {
    return isAlnum(c) || c == '_';
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private static boolean isLowerHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
  }
}
