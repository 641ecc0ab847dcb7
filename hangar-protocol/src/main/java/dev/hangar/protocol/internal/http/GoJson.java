package dev.hangar.protocol.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.hangar.protocol.internal.Json;

/**
 * Encodes request bodies byte for byte as Go's {@code json.Encoder} does in Docker's client:
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped as six-character escapes, and a
 * other control characters than backspace, tab, newline, form feed and return as escapes with
 * lower-case hex digits, and a
 * trailing newline (added by the request writer).
 */
final class GoJson {
  private static final ObjectWriter WRITER = Json.MAPPER.writer().with(new GoEscapes());

  private GoJson() {}

  /** The JSON of {@code value}, without the trailing newline. */
  static byte[] encode(Object value) throws JsonProcessingException {
    return WRITER.writeValueAsBytes(value);
  }

  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = ascii();

    private static int[] ascii() {
      int[] a = CharacterEscapes.standardAsciiEscapesForJSON();
      a['<'] = ESCAPE_CUSTOM;
      a['>'] = ESCAPE_CUSTOM;
      a['&'] = ESCAPE_CUSTOM;
      for (int c = 0; c < 0x20; c++) {
        if (c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r') {
          a[c] = ESCAPE_CUSTOM; // Go writes lower-case hex digits
        }
      }
      return a;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '<' -> new SerializedString("\\u003c");
        case '>' -> new SerializedString("\\u003e");
        case '&' -> new SerializedString("\\u0026");
        case 0x2028 -> new SerializedString("\\u2028");
        case 0x2029 -> new SerializedString("\\u2029");
        default -> ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
      };
    }
  }
}
