package dev.hangar.daemon.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.Privilege;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one request and reads its reply in the form a method wants (nothing, bytes, JSON, a
 * stream of JSON lines), mapping a non-2xx reply and a broken reply to errors once.
 */
final class Calls {
  private final Transport transport;

  Calls(Transport transport) {
    this.transport = transport;
  }

  /** Sends {@code r}; a 2xx reply's body is read and dropped. */
  void ok(Request r) {
    drain(send(r), r, transport);
  }

  /** Sends {@code r}; the 2xx reply's body. */
  byte[] bytes(Request r) {
    Reply reply = send(r);
    try {
      byte[] b = reply.bytes(EngineClient.MAX_BODY + 1);
      if (b.length > EngineClient.MAX_BODY) {
        throw new HangarException(ErrorCode.PROTOCOL_ERROR, "the reply to " + r.line()
            + " from the Hangar daemon at " + transport.address() + " exceeds "
            + (EngineClient.MAX_BODY >> 20) + " MiB");
      }
      return b;
    } catch (IOException e) {
      throw EngineErrors.exchange(transport.address(), r, reply.body().conn.timedOut(),
          transport.isClosed(), e);
    }
  }

  /** Sends {@code r}; the 2xx reply's body as JSON. */
  JsonNode json(Request r) {
    byte[] b = bytes(r);
    try {
      return Json.MAPPER.readTree(b);
    } catch (IOException e) {
      throw malformed(r, e);
    }
  }

  /**
   * Sends {@code r} and gives each JSON value of the reply's body to {@code each}. Returns at the
   * end of the body, or when the client is closed.
   */
  void lines(Request r, Consumer<JsonNode> each) {
    Reply reply = send(r);
    try (ReplyBody body = reply.body();
        MappingIterator<JsonNode> it = Json.MAPPER.readerFor(JsonNode.class).readValues(body)) {
      while (it.hasNextValue()) {
        each.accept(it.nextValue());
      }
    } catch (JacksonException e) {
      if (!transport.isClosed()) {
        throw malformed(r, e);
      }
    } catch (IOException e) {
      if (!transport.isClosed()) {
        throw EngineErrors.exchange(transport.address(), r, reply.body().conn.timedOut(),
            false, e);
      }
    }
  }

  /**
   * As {@link #lines}, for dockerd's progress streams: returns the reply header {@code header}
   * (empty string when absent) once the stream ended; an in-stream error line
   * ({@code {"errorDetail":…,"error":…}}) is thrown with the code it names in
   * {@code hangarErrorCode} (REGISTRY_ERROR when none).
   */
  String progress(Request r, String header, Consumer<JsonNode> each) {
    Reply reply = send(r);
    String value = reply.header(header).orElse("");
    try (ReplyBody body = reply.body();
        MappingIterator<JsonNode> it = Json.MAPPER.readerFor(JsonNode.class).readValues(body)) {
      while (it.hasNextValue()) {
        JsonNode m = it.nextValue();
        if (m.has("error") || m.has("errorDetail")) {
          String msg = m.path("errorDetail").path("message").asText(m.path("error").asText());
          if (msg.isBlank()) {
            msg = "the Hangar daemon at " + transport.address() + " reported an error without"
                + " a message in reply to " + r.line();
          }
          ErrorCode code = ErrorCode.REGISTRY_ERROR;
          try {
            code = ErrorCode.valueOf(m.path("hangarErrorCode").asText("REGISTRY_ERROR"));
          } catch (IllegalArgumentException e) {
            // an unknown code: the generic one
          }
          throw new HangarException(code, msg);
        }
        each.accept(m);
      }
    } catch (JacksonException e) {
      throw malformed(r, e);
    } catch (IOException e) {
      throw EngineErrors.exchange(transport.address(), r, reply.body().conn.timedOut(),
          transport.isClosed(), e);
    }
    return value;
  }

  private Reply send(Request r) {
    Reply reply = transport.execute(r);
    if (!reply.ok()) {
      throw EngineErrors.status(transport.address(), r, reply);
    }
    return reply;
  }

  private HangarException malformed(Request r, IOException e) {
    String why = e instanceof JacksonException j ? Json.problem(j) : e.getMessage();
    return new HangarException(ErrorCode.PROTOCOL_ERROR, "the Hangar daemon at "
        + transport.address() + " sent malformed JSON in reply to " + r.line() + ": " + why, e);
  }

  /** Reads a reply's body to its end so that the connection can serve the next request. */
  static void drain(Reply reply) {
    try (ReplyBody b = reply.body()) {
      b.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the connection is closed instead of reused
    }
  }

  private static void drain(Reply reply, Request r, Transport transport) {
    try (ReplyBody b = reply.body()) {
      b.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw EngineErrors.exchange(transport.address(), r, reply.body().conn.timedOut(),
          transport.isClosed(), e);
    }
  }

  /** Docker's filter JSON: {@code {"key":{"value":true}}}. */
  static String filters(Map<String, List<String>> filters) {
    ObjectNode f = Json.MAPPER.createObjectNode();
    filters.forEach((k, vs) -> {
      ObjectNode values = f.has(k) ? (ObjectNode) f.get(k) : f.putObject(k);
      vs.forEach(v -> values.put(v, true));
    });
    return f.toString();
  }

  static byte[] toJson(Object value) {
    try {
      return Json.MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code r}; its 2xx reply, {@code GET /hangar/v1/plugins}'s list, as records. */
  List<ManagedStatus> statuses(Request r) {
    byte[] b = bytes(r);
    try {
      return StatusList.parse(b);
    } catch (IOException e) {
      throw malformed(r, e);
    } catch (IllegalArgumentException e) {
      throw notA(transport.address(), "list of managed plugins (" + e.getMessage() + ")",
          "/hangar/v1/plugins");
    }
  }

  /** {@code [{"Name","Description","Value":[...]}]} as records. */
  static List<Privilege> privileges(DaemonAddress address, JsonNode list) {
    if (!list.isArray()) {
      throw notA(address, "list of privileges", "/hangar/v1/plugins/{name}/privileges");
    }
    List<Privilege> out = new ArrayList<>();
    for (JsonNode p : list) {
      List<String> values = new ArrayList<>();
      p.path("Value").forEach(v -> values.add(v.asText()));
      out.add(new Privilege(p.path("Name").asText(""), p.path("Description").asText(""),
          values));
    }
    return List.copyOf(out);
  }

  private static HangarException notA(DaemonAddress address, String what, String route) {
    return new HangarException(ErrorCode.PROTOCOL_ERROR, "the Hangar daemon at " + address
        + " did not answer GET " + route + " with a " + what);
  }
}
