package dev.hangar.examples.d7yfs;

import dev.hangar.api.resource.ExpireInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The version of a served file, taken from its size and modification time: a strong ETag
 * {@code "SIZE-MTIME"} (hexadecimal; MTIME in milliseconds) and an HTTP-date Last-Modified.
 *
 * @param size the file's size in bytes
 * @param modifiedMillis the file's modification time, epoch milliseconds
 */
record FileVersion(long size, long modifiedMillis) {

  /** Reads the version of a regular file. */
  static FileVersion of(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return new FileVersion(a.size(), a.lastModifiedTime().toMillis());
  }

  /** The ETag, quoted as in HTTP. */
  String etag() {
    return "\"" + Long.toHexString(size) + "-" + Long.toHexString(modifiedMillis) + "\"";
  }

  /** The Last-Modified value (RFC 1123, whole seconds, GMT). */
  String lastModified() {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.ofEpochMilli(modifiedMillis).atOffset(ZoneOffset.UTC));
  }

  ExpireInfo expireInfo() {
    return new ExpireInfo(lastModified(), etag());
  }

  /**
   * Whether a copy described by {@code info} is out of date: the ETag decides when the copy has
   * one, else the Last-Modified date (to the second); a copy with neither is always out of date.
   */
  boolean isNewerThan(ExpireInfo info) {
    if (info.etagValue().isPresent()) {
      return !info.etagValue().get().equals(etag());
    }
    if (info.lastModifiedValue().isPresent()) {
      try {
        long copy = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME
            .parse(info.lastModifiedValue().get())).getEpochSecond();
        return Math.floorDiv(modifiedMillis, 1000) > copy;
      } catch (DateTimeParseException e) {
        return true;
      }
    }
    return true;
  }
}
