package dev.hangar.cli;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code hangar get --range A-B} (or {@code A-}, to the end). */
final class GetRange {
  private static final Pattern FORM = Pattern.compile("(\\d{1,18})-(\\d{0,18})");

  private GetRange() {}

  /**
   * The range, or null when {@code text} is null.
   *
   * @throws HangarException {@link ErrorCode#USAGE} naming the bad range
   */
  static ByteRange parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new HangarException(ErrorCode.USAGE, "bad range '" + text
          + "': expected START-END or START- (bytes, from 0, END inclusive)");
    }
    long start = Long.parseLong(m.group(1));
    long end = m.group(2).isEmpty() ? -1 : Long.parseLong(m.group(2));
    if (end != -1 && end < start) {
      throw new HangarException(ErrorCode.USAGE,
          "bad range '" + text + "': END " + end + " is before START " + start);
    }
    return new ByteRange(start, end);
  }
}
