package dev.hangar.daemon.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Every error of the client, made in one place. A reply whose status is not 2xx becomes one
 * {@link HangarException}: its code is the {@code Hangar-Error-Code} header (the daemon's
 * {@link ErrorCode} name), else the status's ({@link #codeOf}); its message is the
 * {@code message} of a JSON body ({@code Content-Type: application/json}), else the body as
 * text, as Docker's client reads it.
 */
final class EngineErrors {
  /** The header carrying the daemon's error code. */
  static final String CODE_HEADER = "Hangar-Error-Code";
  /** The most of an error body read, as Docker's client (1 MiB). */
  static final int MAX_ERROR_BODY = 1 << 20;

  private EngineErrors() {}

  /** No connection could be made: DAEMON_UNREACHABLE (or TLS_INVALID for a failed handshake). */
  static HangarException unreachable(DaemonAddress address, IOException e) {
    if (e instanceof SSLException) {
      return new HangarException(ErrorCode.TLS_INVALID, "TLS handshake with the Hangar daemon "
          + "at " + address + " failed: " + e.getMessage() + " (check --tlsverify, "
          + "--tlscacert, --tlscert and --tlskey)", e);
    }
    String why = String.valueOf(e.getMessage());
    if (why.toLowerCase(Locale.ROOT).contains("permission denied")) {
      return new HangarException(ErrorCode.DAEMON_UNREACHABLE, "permission denied while trying "
          + "to connect to the Hangar daemon at " + address, e);
    }
    return new HangarException(ErrorCode.DAEMON_UNREACHABLE, "Cannot connect to the Hangar "
        + "daemon at " + address + ": is 'hangar daemon' running?", e);
  }

  /** A request failed after its connection was made. */
  static HangarException exchange(DaemonAddress address, Request r, boolean timedOut,
      boolean closedByCaller, IOException e) {
    if (timedOut || e instanceof SocketTimeoutException) {
      return new HangarException(ErrorCode.DAEMON_UNREACHABLE, "the Hangar daemon at " + address
          + " did not answer " + r.line() + " within " + seconds(r) + "s", e);
    }
    if (closedByCaller) {
      return new HangarException(ErrorCode.CONNECTION_LOST, r.line() + " to the Hangar daemon "
          + "at " + address + " was cancelled: the client was closed", e);
    }
    if (e instanceof ProtocolException) {
      return new HangarException(ErrorCode.PROTOCOL_ERROR, "the Hangar daemon at " + address
          + " sent a malformed reply to " + r.line() + ": " + e.getMessage(), e);
    }
    if (e instanceof SSLException) {
      return new HangarException(ErrorCode.TLS_INVALID, "TLS with the Hangar daemon at "
          + address + " failed during " + r.line() + ": " + e.getMessage(), e);
    }
    return new HangarException(ErrorCode.CONNECTION_LOST, "the connection to the Hangar daemon "
        + "at " + address + " broke during " + r.line() + ": " + e.getMessage(), e);
  }

  private static long seconds(Request r) {
    return Math.max(1, (r.timeout().toMillis() + 999) / 1000);
  }

  /**
   * The error for a reply that is not 2xx; reads (at most {@link #MAX_ERROR_BODY} of) its body.
   */
  static HangarException status(DaemonAddress address, Request r, Reply reply) {
    byte[] body;
    try {
      body = reply.bytes(MAX_ERROR_BODY);
    } catch (IOException e) {
      body = new byte[0];
    }
    ErrorCode code = reply.header(CODE_HEADER).flatMap(EngineErrors::named)
        .orElseGet(() -> codeOf(reply.status()));
    return new HangarException(code, message(address, r, reply, body));
  }

  private static String message(DaemonAddress address, Request r, Reply reply, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "request returned " + reply.status() + " for API route and version " + r.target()
          + " at " + address + ", check if the server supports the requested API version";
    }
    boolean json = reply.header("Content-Type")
        .map(t -> t.split(";", 2)[0].strip().equalsIgnoreCase("application/json"))
        .orElse(false);
    if (!json) {
      return text;
    }
    try {
      JsonNode m = Json.MAPPER.readTree(body).path("message");
      if (m.isTextual() && !m.asText().isBlank()) {
        return m.asText().strip();
      }
      return "API returned a " + reply.status() + " but provided no error-message";
    } catch (IOException e) {
      return "error reading JSON: " + e.getMessage() + ": " + text;
    }
  }

  private static Optional<ErrorCode> named(String name) {
    try {
      return Optional.of(ErrorCode.valueOf(name.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The code of a status when the reply names none: 400 USAGE, 404 PLUGIN_NOT_FOUND, 409
   * PLUGIN_ENABLED (Docker's commonest conflict), 501 NOT_IMPLEMENTED, 502 PLUGIN_CALL_FAILED,
   * 503 DAEMON_UNREACHABLE, 504 PLUGIN_TIMEOUT, another 4xx USAGE, anything else INTERNAL.
   */
  static ErrorCode codeOf(int status) {
    return switch (status) {
      case 404 -> ErrorCode.PLUGIN_NOT_FOUND;
      case 409 -> ErrorCode.PLUGIN_ENABLED;
      case 501 -> ErrorCode.NOT_IMPLEMENTED;
      case 502 -> ErrorCode.PLUGIN_CALL_FAILED;
      case 503 -> ErrorCode.DAEMON_UNREACHABLE;
      case 504 -> ErrorCode.PLUGIN_TIMEOUT;
      default -> status >= 400 && status < 500 ? ErrorCode.USAGE : ErrorCode.INTERNAL;
    };
  }
}
