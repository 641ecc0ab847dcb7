package dev.hangar.managed.internal.pkg;

import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What is kept of an entry besides its content.
 *
 * @param mode the permission bits, {@code 07777} at most
 * @param uid the owner, or -1 to leave it as created
 * @param gid the group, or -1 to leave it as created
 * @param mtime the modification time, if known
 */
record EntryMeta(int mode, long uid, long gid, Optional<FileTime> mtime) {
  /** The largest id: {@code (uid_t) -1} means "unchanged" to chown. */
  private static final long MAX_ID = 0xFFFF_FFFEL;
  private static final EntryMeta IMPLICIT_DIRECTORY =
      new EntryMeta(0755, -1, -1, Optional.empty());

  /**
   * The metadata of an entry.
   *
   * @throws dev.hangar.protocol.HangarException PACKAGE_INVALID if an id is out of range
   */
  static EntryMeta of(int mode, long uid, long gid, FileTime mtime, String where) {
    if (uid < 0 || uid > MAX_ID || gid < 0 || gid > MAX_ID) {
      throw PackageErrors.invalid(where, "uid " + uid + " or gid " + gid + " is out of range");
    }
    return new EntryMeta(mode & 07777, uid, gid, Optional.ofNullable(mtime));
  }

  /** A directory the package did not list but whose children it has: 0755, owner unchanged. */
  static EntryMeta implicitDirectory() {
    return IMPLICIT_DIRECTORY;
  }
}
