package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.protocol.internal.Json;
import java.util.Arrays;

/**
 * Response bodies, byte for byte as dockerd's Go encoder writes them: the JSON and a newline;
 * control characters other than {@code \b \f \n \r \t} as six-character escapes with
 * lower-case hex digits; U+2028 and U+2029 escaped; {@code <}, {@code >} and {@code &} escaped
 * only where dockerd's encoder escapes HTML (the event stream), not in
 * {@code httputils.WriteJSON} bodies.
 */
final class ApiJson {
  private static final ObjectWriter PLAIN = Json.MAPPER.writer().with(new GoEscapes(false));
  private static final ObjectWriter HTML = Json.MAPPER.writer().with(new GoEscapes(true));

  private ApiJson() {}

  /** A new empty object node, for building bodies in Go's field order. */
  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** {@code httputils.WriteJSON}'s body: HTML escaping off, then a newline. */
  static byte[] encode(Object value) {
    return withNewline(PLAIN, value);
  }

  /** A default Go {@code json.Encoder}'s output (HTML escaped), then a newline. */
  static byte[] encodeHtmlEscaped(Object value) {
    return withNewline(HTML, value);
  }

  /** dockerd's error body: {@code {"message":"<message>"}} and a newline. */
  static byte[] error(String message) {
    return encode(object().put("message", message));
  }

  private static byte[] withNewline(ObjectWriter w, Object value) {
    try {
      byte[] text = w.writeValueAsBytes(value);
      byte[] out = Arrays.copyOf(text, text.length + 1);
      out[text.length] = '\n';
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a response body: " + e.getOriginalMessage(),
          e);
    }
  }

  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    GoEscapes(boolean html) {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      for (int c = 0; c < 0x20; c++) {
        if (c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r') {
          ascii[c] = ESCAPE_CUSTOM;
        }
      }
      if (html) {
        ascii['<'] = ESCAPE_CUSTOM;
        ascii['>'] = ESCAPE_CUSTOM;
        ascii['&'] = ESCAPE_CUSTOM;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch < 0x80 && ascii[ch] == ESCAPE_CUSTOM || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }
}
