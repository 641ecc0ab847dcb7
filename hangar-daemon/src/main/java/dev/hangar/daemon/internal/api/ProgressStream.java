package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.ProgressMessage;
import dev.hangar.managed.internal.dist.ProgressJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * dockerd's streamed JSON messages ({@code streamformatter}): one JSON object per message, each
 * followed by {@code \r\n} and flushed. The answer's head (200, {@code Content-Type:
 * application/json} and the headers set before) goes with the first message, so a failure
 * before it is an ordinary error answer and one after it an in-stream
 * {@code {"errorDetail":{"message":…},"error":…}} line, as moby's {@code WriteFlusher}.
 *
 * <p>Thread-safe: messages come from the registry client's threads too. Once the client has
 * gone, messages are dropped (the work goes on, as dockerd's does until it notices).
 */
final class ProgressStream {
  private static final byte[] NEWLINE = "\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Exchange ex;
  private OutputStream out;
  private boolean broken;

  ProgressStream(Exchange ex) {
    this.ex = ex;
  }

  /** Whether the head was sent. */
  synchronized boolean started() {
    return out != null;
  }

  /** Sends a progress message. */
  void send(ProgressMessage m) {
    write(ProgressJson.of(m));
  }

  /** Sends Docker's {@code aux} message. */
  void aux(JsonNode aux) {
    ObjectNode o = ApiJson.object();
    o.putObject("progressDetail");
    o.set("aux", aux);
    write(o);
  }

  /**
   * Sends the in-stream error line, with Hangar's code as {@code hangarErrorCode} (Docker's
   * clients ignore it; Hangar's maps it back, as {@code Hangar-Error-Code}).
   */
  void error(String message, java.util.Optional<dev.hangar.protocol.ErrorCode> code) {
    ObjectNode o = ApiJson.object();
    o.putObject("errorDetail").put("message", message);
    o.put("error", message);
    code.ifPresent(c -> o.put("hangarErrorCode", c.name()));
    write(o);
  }

  /** Ends the answer: the last chunk, after the head if nothing was sent yet. */
  synchronized void end() throws IOException {
    if (out == null) {
      out = ex.startStream(Exchange.JSON);
    }
    ex.endStream(out);
  }

  private synchronized void write(ObjectNode o) {
    if (broken) {
      return;
    }
    byte[] json = ApiJson.encode(o);
    try {
      if (out == null) {
        out = ex.startStream(Exchange.JSON);
      }
      out.write(json, 0, json.length - 1); // Go's Marshal, without the encoder's newline
      out.write(NEWLINE);
      out.flush();
    } catch (IOException e) {
      broken = true;
    }
  }
}
