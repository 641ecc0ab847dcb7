package dev.hangar.managed.internal.pkg;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A checked relative path inside a package: no {@code ..}, not absolute, no NUL, not too long;
 * {@code .} and empty components (a leading {@code ./}, a trailing or doubled {@code /}) dropped.
 *
 * @param parts the components, none empty, {@code .} or {@code ..}
 */
record EntryPath(List<String> parts) {
  static final EntryPath ROOT = new EntryPath(List.of());

  EntryPath {
    parts = List.copyOf(parts);
  }

  /**
   * Checks and splits {@code raw}.
   *
   * @param what what {@code raw} is, for messages, e.g. {@code path} or {@code hard link target
   *     "x"}
   * @throws dev.hangar.protocol.HangarException PACKAGE_INVALID {@code <where>: <what> <problem>}
   */
  static EntryPath parse(String raw, int maxBytes, String where, String what) {
    if (raw.indexOf('\0') >= 0) {
      throw PackageErrors.invalid(where, what + " contains a NUL byte");
    }
    if (raw.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw PackageErrors.invalid(where, what + " is longer than " + maxBytes + " bytes");
    }
    if (raw.startsWith("/")) {
      throw PackageErrors.invalid(where, what + " is absolute");
    }
    List<String> parts = new ArrayList<>();
    for (String p : raw.split("/")) {
      if (p.equals("..")) {
        throw PackageErrors.invalid(where, what + " escapes the package (\"..\" is not allowed)");
      }
      if (!p.isEmpty() && !p.equals(".")) {
        parts.add(p);
      }
    }
    return new EntryPath(parts);
  }

  boolean isRoot() {
    return parts.isEmpty();
  }

  int depth() {
    return parts.size();
  }

  /** The first component; not for the root. */
  String first() {
    return parts.get(0);
  }

  /** The path without its first component; not for the root. */
  EntryPath rest() {
    return new EntryPath(parts.subList(1, parts.size()));
  }

  /** The first {@code n} components. */
  EntryPath prefix(int n) {
    return new EntryPath(parts.subList(0, n));
  }

  /** The parent; the root for a one-component path. Not for the root. */
  EntryPath parent() {
    return prefix(parts.size() - 1);
  }

  /** The last component; not for the root. */
  String last() {
    return parts.get(parts.size() - 1);
  }

  /** This path under {@code dir}. */
  Path under(Path dir) {
    return parts.isEmpty() ? dir : dir.resolve(toString()); // one resolve: linear in the length
  }

  /** The components joined with {@code /}; empty for the root. */
  @Override
  public String toString() {
    return String.join("/", parts);
  }
}
