package dev.hangar.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hangar.protocol.Wire;
import dev.hangar.protocol.internal.Json;
import java.util.Arrays;
import java.util.Map;

/**
 * Reply bodies, encoded as Go's {@code json.Encoder} does: the JSON text and a newline.
 */
public final class Replies {
  private static final byte[] EMPTY_OBJECT = {'{', '}', '\n'};

  private Replies() {}

  /**
   * {@code value} as JSON plus a newline; null is {@code {}}.
   *
   * @throws JsonEncodingException when the value cannot be encoded
   */
  public static byte[] json(Object value) {
    if (value == null) {
      return EMPTY_OBJECT.clone();
    }
    byte[] text;
    try {
      text = Json.MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new JsonEncodingException(e.getOriginalMessage(), e);
    }
    byte[] out = Arrays.copyOf(text, text.length + 1);
    out[text.length] = '\n';
    return out;
  }

  /** {@code {"Err":"<message>"}} plus a newline. */
  public static byte[] error(String message) {
    return json(Map.of(Wire.ERR_FIELD, message == null ? "" : message));
  }

  /** A reply value could not be encoded as JSON. */
  public static final class JsonEncodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JsonEncodingException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
