package dev.hangar.managed.internal.pkg;

import dev.hangar.protocol.HangarException;

/** Counts the entries and rootfs bytes of one import against its {@link ImportRules}. */
final class Budget {
  private final ImportRules rules;
  private long entries;
  private long bytes;

  Budget(ImportRules rules) {
    this.rules = rules;
  }

  /** Counts one entry. */
  void entry(String where) {
    if (++entries > rules.maxEntries()) {
      throw PackageErrors.invalid(where, "the package has more than " + rules.maxEntries()
          + " entries");
    }
  }

  /** Refuses at once an entry whose declared size already goes over. */
  void expect(long declared, String where) {
    if (declared > rules.maxBytes() - bytes) {
      throw tooBig(where);
    }
  }

  /** Counts {@code n} bytes written. */
  void add(long n, String where) {
    bytes += n;
    if (bytes > rules.maxBytes()) {
      throw tooBig(where);
    }
  }

  /** The rootfs bytes written so far. */
  long bytes() {
    return bytes;
  }

  private HangarException tooBig(String where) {
    return PackageErrors.invalid(where, "package expands to more than " + rules.maxBytes()
        + " bytes");
  }
}
