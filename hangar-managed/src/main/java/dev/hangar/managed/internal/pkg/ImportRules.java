package dev.hangar.managed.internal.pkg;

/**
 * The limits of one import, and whether ownership is kept.
 *
 * @param maxBytes the most bytes the rootfs's regular files may hold together, counted as
 *     written (a sparse or lying entry cannot get past it)
 * @param maxEntries the most entries (tar entries, or files and directories of a directory
 *     source), those ignored included
 * @param maxPathBytes the longest entry name or link target, in UTF-8 bytes (Linux's PATH_MAX)
 * @param maxConfigBytes the largest {@code config.json}
 * @param asRoot whether uid/gid and the setuid/setgid bits are kept (only root may set them)
 */
record ImportRules(
    long maxBytes, long maxEntries, int maxPathBytes, int maxConfigBytes, boolean asRoot) {
  static final long DEFAULT_MAX_ENTRIES = 1_000_000;
  static final int DEFAULT_MAX_PATH_BYTES = 4096;
  static final int DEFAULT_MAX_CONFIG_BYTES = 1 << 20;

  ImportRules {
    if (maxBytes < 0 || maxEntries < 0 || maxPathBytes <= 0 || maxConfigBytes < 0) {
      throw new IllegalArgumentException("negative limit: maxBytes " + maxBytes + ", maxEntries "
          + maxEntries + ", maxPathBytes " + maxPathBytes + ", maxConfigBytes " + maxConfigBytes);
    }
  }

  /** The default limits with {@code maxBytes}. */
  static ImportRules defaults(long maxBytes, boolean asRoot) {
    return new ImportRules(maxBytes, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_PATH_BYTES,
        DEFAULT_MAX_CONFIG_BYTES, asRoot);
  }
}
