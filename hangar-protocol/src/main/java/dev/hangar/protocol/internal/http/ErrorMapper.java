package dev.hangar.protocol.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.MethodNotFoundException;
import dev.hangar.protocol.PluginCallException;
import dev.hangar.protocol.internal.Durations;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every error the client raises, made in one place: statuses, {@code Err} bodies, malformed
 * replies, timeouts, lost connections and unreachable plugins. Messages read
 * {@code plugin X: Method: detail}.
 */
final class ErrorMapper {
  private ErrorMapper() {}

  /**
   * A non-200 reply. 404 is {@link MethodNotFoundException}; anything else is
   * PLUGIN_CALL_FAILED. The detail is the body's non-empty {@code Err}, else the raw body.
   *
   * @param body the first bytes of the body
   * @param len how many of them
   * @param truncated whether the body went on beyond them
   */
  static PluginCallException status(String plugin, String method, int status, byte[] body,
      int len, boolean truncated) {
    String detail = errText(body, len).orElseGet(() -> rawDetail(status, body, len, truncated));
    if (status == 404) {
      return new MethodNotFoundException(plugin, method, detail);
    }
    return new PluginCallException(ErrorCode.PLUGIN_CALL_FAILED, plugin, method, status, detail,
        null);
  }

  private static String rawDetail(int status, byte[] body, int len, boolean truncated) {
    String text = new String(body, 0, len, StandardCharsets.UTF_8).strip();
    if (text.isEmpty() && !truncated) {
      return "HTTP " + status + " with an empty body";
    }
    return truncated ? text + "... (HTTP " + status + ", body truncated at " + len + " bytes)"
        : text;
  }

  /** A 200 whose body carries a non-empty {@code Err}, for subsystems that use it. */
  static PluginCallException errInBody(String plugin, String method, String err) {
    return new PluginCallException(ErrorCode.PLUGIN_CALL_FAILED, plugin, method, 200, err, null);
  }

  /**
   * The non-empty {@code Err} text of a JSON object body. Keys match case-insensitively, as Go
   * decodes them; an exact {@code Err} wins.
   */
  static Optional<String> errText(byte[] body, int len) {
    if (!mentionsErr(body, len)) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body, 0, len);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    JsonNode err = node.get("Err");
    if (err == null) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().equalsIgnoreCase("Err")) {
          err = e.getValue();
          break;
        }
      }
    }
    return err != null && err.isTextual() && !err.asText().isEmpty()
        ? Optional.of(err.asText()) : Optional.empty();
  }

  /** A cheap test that spares parsing bodies without an "Err" key (the common case). */
  private static boolean mentionsErr(byte[] b, int len) {
    for (int i = 0; i + 4 < len; i++) {
      if (b[i] == '"' && (b[i + 1] | 0x20) == 'e' && (b[i + 2] | 0x20) == 'r'
          && (b[i + 3] | 0x20) == 'r' && b[i + 4] == '"') {
        return true;
      }
    }
    return false;
  }

  /** A 200 with no body where a result is expected (Docker: EOF). */
  static PluginCallException emptyReply(String plugin, String method) {
    return new PluginCallException(ErrorCode.PROTOCOL_ERROR, plugin, method, 200,
        "empty reply body where a result was expected (a 200 must carry JSON, at least {})", null);
  }

  /** A 200 whose body is not valid JSON for the expected type. */
  static PluginCallException malformed(String plugin, String method, IOException cause) {
    String why = cause.getMessage() == null ? cause.toString() : cause.getMessage().lines()
        .findFirst().orElse("");
    return new PluginCallException(ErrorCode.PROTOCOL_ERROR, plugin, method, 200,
        "malformed JSON reply: " + why, cause);
  }

  /** A 200 larger than {@code call} buffers. */
  static PluginCallException tooLarge(String plugin, String method, long limit) {
    return new PluginCallException(ErrorCode.PROTOCOL_ERROR, plugin, method, 200,
        "reply larger than " + limit + " bytes (use stream() for large replies)", null);
  }

  /** A reply that broke HTTP framing. */
  static PluginCallException protocol(String plugin, String method, ProtocolViolation v) {
    return new PluginCallException(ErrorCode.PROTOCOL_ERROR, plugin, method, 0,
        "invalid HTTP reply: " + v.getMessage(), v);
  }

  /** The failure of the last attempt, when it is not retried. */
  static HangarException attempt(String plugin, String method, String url, AttemptFailure f,
      Duration timeout, int attempts, Duration elapsed) {
    IOException io = f.io();
    return switch (f.kind) {
      case TIMEOUT -> new PluginCallException(ErrorCode.PLUGIN_TIMEOUT, plugin, method, 0,
          "no reply within " + Durations.format(timeout), io);
      case LOST -> new PluginCallException(ErrorCode.CONNECTION_LOST, plugin, method, 0,
          "connection to " + url + " lost after the request was sent (the plugin may have acted "
              + "on it): " + describe(io), io);
      case CONNECT -> new HangarException(ErrorCode.PLUGIN_UNREACHABLE, "plugin " + plugin + ": "
          + method + ": cannot connect to " + url + ": " + describe(io)
          + (attempts > 1 ? " (" + attempts + " attempts in " + Durations.format(elapsed) + ")"
              : ""), io);
    };
  }

  /** A TLS handshake the plugin or the client refused: not retried. */
  static HangarException tls(String plugin, String method, String url, IOException e) {
    return new HangarException(ErrorCode.TLS_INVALID, "plugin " + plugin + ": " + method
        + ": TLS handshake with " + url + " failed: " + describe(e), e);
  }

  /** The caller's request body stream failed. */
  static HangarException uploadFailed(String plugin, String method, IOException e) {
    return new HangarException(ErrorCode.IO_ERROR, "plugin " + plugin + ": " + method
        + ": cannot read the request body: " + describe(e), e);
  }

  /** The retry wait was interrupted; the interrupt flag is set again. */
  static HangarException interrupted(String plugin, String method, String url,
      InterruptedException e) {
    Thread.currentThread().interrupt();
    return new HangarException(ErrorCode.PLUGIN_UNREACHABLE, "plugin " + plugin + ": " + method
        + ": interrupted while waiting to retry " + url, e);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
