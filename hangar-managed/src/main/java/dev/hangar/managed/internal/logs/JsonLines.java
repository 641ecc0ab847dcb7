package dev.hangar.managed.internal.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hangar.managed.LogLine;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The log's line format, Docker's json-file format: {@code {"log":"text\n","stream":"stdout",
 * "time":"2026-12-01T22:33:44.123456789Z"}} and a newline, written as moby's {@code jsonlog}
 * package writes it (its hand-written encoder: {@code <>&} as <code>&#92;u003c</code> etc.,
 * control characters as <code>&#92;u00XX</code> except {@code \n} and {@code \r}, each invalid
 * UTF-8 byte as <code>&#92;ufffd</code>, U+2028 and U+2029 escaped; the time as Go's RFC 3339
 * with nanoseconds, trailing zeros dropped).
 */
final class JsonLines {
  private static final String HEX = "0123456789abcdef";
  private static final JsonFactory JSON = new JsonFactory();
  /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z, in epoch seconds. */
  private static final long YEAR_0 = -62_167_219_200L;
  private static final long YEAR_10000 = 253_402_300_800L;

  private JsonLines() {}

  /**
   * Writes one entry and its newline to {@code out}.
   *
   * @param newline whether the line ended with one (Docker leaves it off a partial line: one
   *     split at 16 KiB, or the last bytes before EOF)
   * @throws IllegalArgumentException if the time's year is outside 0-9999 (RFC 3339's range)
   */
  static void encode(
      ByteBuf out, String stream, byte[] text, int off, int len, boolean newline, Instant time) {
    String created = formatTime(time);
    out.writeAscii("{");
    boolean first = true;
    if (len > 0 || newline) {
      first = false;
      out.writeAscii("\"log\":\"");
      escape(out, text, off, len);
      if (newline) {
        out.writeAscii("\\n");
      }
      out.write('"');
    }
    if (!stream.isEmpty()) {
      out.writeAscii(first ? "\"stream\":\"" : ",\"stream\":\"");
      byte[] s = Utf8.encode(stream);
      escape(out, s, 0, s.length);
      out.write('"');
      first = false;
    }
    out.writeAscii(first ? "\"time\":\"" : ",\"time\":\"");
    out.writeAscii(created);
    out.writeAscii("\"}\n");
  }

  private static void escape(ByteBuf out, byte[] s, int off, int len) {
    int end = off + len;
    int start = off;
    for (int i = off; i < end; ) {
      int b = s[i] & 0xFF;
      if (b < 0x80) {
        if (b >= 0x20 && b != '\\' && b != '"' && b != '<' && b != '>' && b != '&') {
          i++;
          continue;
        }
        out.write(s, start, i - start);
        switch (b) {
          case '\\', '"' -> {
            out.write('\\');
            out.write(b);
          }
          case '\n' -> out.writeAscii("\\n");
          case '\r' -> out.writeAscii("\\r");
          default -> {
            out.writeAscii("\\u00");
            out.write(HEX.charAt(b >> 4));
            out.write(HEX.charAt(b & 0xF));
          }
        }
        start = ++i;
        continue;
      }
      int w = Utf8.width(s, i, end);
      if (w == 0) {
        out.write(s, start, i - start);
        out.writeAscii("\\ufffd");
        start = ++i;
        continue;
      }
      int c = Utf8.codePoint(s, i, w);
      if (c == 0x2028 || c == 0x2029) {
        out.write(s, start, i - start);
        out.writeAscii("\\u202");
        out.write(HEX.charAt(c & 0xF));
        i += w;
        start = i;
        continue;
      }
      i += w;
    }
    out.write(s, start, end - start);
  }

  /** Go's {@code time.RFC3339Nano} of {@code t} in UTC. */
  static String formatTime(Instant t) {
    if (t.getEpochSecond() < YEAR_0 || t.getEpochSecond() >= YEAR_10000) {
      throw new IllegalArgumentException("log time outside years 0-9999: " + t);
    }
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder s = new StringBuilder(30);
    pad(s, d.getYear(), 4).append('-');
    pad(s, d.getMonthValue(), 2).append('-');
    pad(s, d.getDayOfMonth(), 2).append('T');
    pad(s, d.getHour(), 2).append(':');
    pad(s, d.getMinute(), 2).append(':');
    pad(s, d.getSecond(), 2);
    int nanos = t.getNano();
    if (nanos != 0) {
      int digits = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        digits--;
      }
      pad(s.append('.'), nanos, digits);
    }
    return s.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder s, int value, int width) {
    String v = Integer.toString(value);
    s.append("0".repeat(Math.max(0, width - v.length())));
    return s.append(v);
  }

  /**
   * Reads one entry (a line without its newline), or empty when it is not one: not JSON, not
   * one object, or without a valid {@code time}. Unknown fields ({@code attrs}) are ignored; the
   * text loses the one newline Docker added.
   */
  static Optional<LogLine> decode(byte[] b, int off, int len) {
    String log = "";
    String stream = "";
    Instant time = null;
    try (JsonParser p = JSON.createParser(b, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) {
          return Optional.empty();
        }
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "log" -> log = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "stream" -> stream = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "time" -> time = v == JsonToken.VALUE_STRING ? parseTime(p.getText()) : null;
          default -> p.skipChildren();
        }
        if (log == null || stream == null) {
          return Optional.empty();
        }
      }
      if (time == null || p.nextToken() != null) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    String text = log.endsWith("\n") ? log.substring(0, log.length() - 1) : log;
    return Optional.of(new LogLine(time, stream, text));
  }

  private static Instant parseTime(String s) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
