package dev.hangar.exec.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * JSON for one plugin run. Strings, whole numbers, booleans and null are written by hand, and the
 * Jackson mapper is created only when a call needs it: loading Jackson is most of a small plugin's
 * start-up time, and {@code version} or an error should not pay for it.
 */
final class JsonText {
  private final Supplier<ObjectMapper> factory;
  private ObjectMapper mapper;

  /** With {@code factory} null, the default mapper ({@link Jackson#defaultMapper()}). */
  JsonText(Supplier<ObjectMapper> factory) {
    this.factory = factory;
  }

  /** The mapper, created on first use. */
  synchronized ObjectMapper mapper() {
    if (mapper == null) {
      mapper = factory == null ? Jackson.defaultMapper() : factory.get();
    }
    return mapper;
  }

  /**
   * {@code value} as JSON text.
   *
   * @throws ExecPluginException naming {@code method} when Jackson cannot write it
   */
  String write(Object value, String method) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
      return value.toString();
    }
    return Jackson.write(mapper(), value, method);
  }

  /** {@code s} as a JSON string, escaped as Jackson escapes it. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
