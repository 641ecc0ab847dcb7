package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Request bodies read as dockerd's {@code httputils.ReadJSON}: a body needs
 * {@code Content-Type: application/json} unless it is declared empty; a declared-empty body
 * decodes to nothing; otherwise it must hold one JSON value, and only white space may follow it
 * (as Go's {@code Decoder.More}, a {@code ]} or <code>}</code> right after the value is not
 * noticed).
 */
final class JsonBody {
  private JsonBody() {}

  /**
   * Reads the body.
   *
   * @param contentType the request's {@code Content-Type}, {@code ""} when absent
   * @param declaredLength the {@code Content-Length}, 0 when the request has no body, -1 when
   *     chunked
   * @param body the body
   * @param maxBytes the most it may hold
   * @return the value, empty for a declared-empty body
   * @throws HangarException USAGE with dockerd's message for a bad content type or JSON
   * @throws IOException when reading fails
   */
  static Optional<JsonNode> read(String contentType, long declaredLength, InputStream body,
      int maxBytes) throws IOException {
    if (!(contentType.isEmpty() && declaredLength == 0)) {
      checkJsonType(contentType);
    }
    if (declaredLength == 0) {
      return Optional.empty();
    }
    byte[] bytes = body.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new HangarException(ErrorCode.USAGE,
          "request body is larger than the limit of " + maxBytes + " bytes");
    }
    return Optional.of(decode(bytes));
  }

  /** One JSON value, then only white space (or a closing bracket, as Go does not notice). */
  static JsonNode decode(byte[] bytes) {
    int start = skipSpace(bytes, 0);
    if (start == bytes.length) {
      throw usage("invalid JSON: got EOF while reading request body");
    }
    if ((bytes[start] & 0xff) == 0xef) {
      // Go refuses a byte order mark, which Jackson would skip (leaving no value after it)
      throw usage("invalid JSON: invalid character '\u00ef' looking for beginning of value");
    }
    JsonNode node;
    long end;
    try (JsonParser p = Json.MAPPER.createParser(bytes)) {
      node = Json.MAPPER.readTree(p);
      end = p.currentLocation().getByteOffset();
    } catch (JacksonException e) {
      throw usage("invalid JSON: " + Json.problem(e));
    } catch (IOException e) {
      throw usage("invalid JSON: " + e.getMessage());
    }
    if (node == null) {
      throw usage("invalid JSON: got EOF while reading request body");
    }
    int next = skipSpace(bytes, (int) Math.max(0, Math.min(end, bytes.length)));
    if (next < bytes.length && bytes[next] != ']' && bytes[next] != '}') {
      throw usage("unexpected content after JSON");
    }
    return node;
  }

  /**
   * {@code matchesContentType(ct, "application/json")}: the media type without parameters, any
   * case.
   */
  static void checkJsonType(String contentType) {
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).strip()
        .toLowerCase(Locale.ROOT);
    if (type.isEmpty()) {
      throw malformed(contentType, "mime: no media type");
    }
    int slash = type.indexOf('/');
    if (slash <= 0 || !isToken(type.substring(0, slash))) {
      throw malformed(contentType, "mime: expected slash after first token");
    }
    if (!isToken(type.substring(slash + 1))) {
      throw malformed(contentType, "mime: expected token after slash");
    }
    if (!type.equals("application/json")) {
      throw usage("unsupported Content-Type header (" + contentType
          + "): must be 'application/json'");
    }
  }

  private static boolean isToken(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c > 0x20 && c < 0x7f
        && "()<>@,;:\\\"/[]?=".indexOf(c) < 0);
  }

  private static HangarException malformed(String contentType, String why) {
    return usage("malformed Content-Type header (" + contentType + "): " + why);
  }

  private static int skipSpace(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
    return i;
  }

  private static HangarException usage(String message) {
    return new HangarException(ErrorCode.USAGE, message);
  }
}
