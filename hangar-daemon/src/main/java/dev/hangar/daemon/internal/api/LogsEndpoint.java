package dev.hangar.daemon.internal.api;

import dev.hangar.managed.LogLine;
import dev.hangar.managed.LogQuery;
import dev.hangar.managed.LogSink;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /hangar/v1/plugins/{name}/logs?tail=N&since=T&follow=1}: a managed plugin's output
 * as a stream of JSON lines in Docker's json-file form,
 * {@code {"log":"<text>\n","stream":"stdout","time":"<RFC 3339, nanoseconds>"}}, each sent as it
 * is read.
 *
 * <p>{@code tail}: the last N lines ({@code all}, empty or negative for every line);
 * {@code since}: RFC 3339 or unix {@code seconds[.nanoseconds]}; {@code follow}: a Docker
 * boolean, keep sending new lines until the client goes away or the daemon closes. Errors before
 * the stream starts (a bad parameter, an unknown plugin) are the usual JSON errors; a failure
 * after it started aborts the response.
 */
final class LogsEndpoint {
  private final ManagedPlugins plugins;
  private final BooleanSupplier closing;

  LogsEndpoint(ManagedPlugins plugins, BooleanSupplier closing) {
    this.plugins = plugins;
    this.closing = closing;
  }

  void serve(Exchange ex) throws IOException {
    Query q = ex.query();
    OptionalInt tail = tail(q.get("tail"));
    Optional<Instant> since;
    try {
      since = Timestamps.parseUnixOrRfc3339(q.get("since"));
    } catch (IllegalArgumentException e) {
      throw new HangarException(ErrorCode.USAGE, "invalid value for 'since': " + e.getMessage());
    }
    LogQuery query = new LogQuery(tail, since, q.bool("follow"));
    plugins.inspect(ex.name());
    ClientProbe probe = ClientProbe.of(ex.request());
    OutputStream out = ex.startStream(Exchange.JSON);
    Lines lines = new Lines(out, probe);
    plugins.logs(ex.name(), query, lines);
    if (lines.failure != null) {
      ex.abort(lines.failure);
    } else {
      ex.endStream(out);
    }
  }

  static OptionalInt tail(String value) {
    if (value.isEmpty() || value.equals("all")) {
      return OptionalInt.empty();
    }
    long n;
    try {
      n = Query.atoiValue(value);
    } catch (HangarException e) {
      throw new HangarException(ErrorCode.USAGE, "invalid value for 'tail': " + e.getMessage());
    }
    return n < 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.min(n, Integer.MAX_VALUE));
  }

  /** One JSON line per log line; stops at the first failed write, or when asked to. */
  private final class Lines implements LogSink {
    private final OutputStream out;
    private final ClientProbe probe;
    private IOException failure;

    Lines(OutputStream out, ClientProbe probe) {
      this.out = out;
      this.probe = probe;
    }

    @Override
    public boolean accept(LogLine line) {
      try {
        out.write(ApiJson.encode(ApiJson.object().put("log", line.text() + "\n")
            .put("stream", line.stream()).put("time", Timestamps.rfc3339Nano(line.time()))));
        out.flush();
        return !closing.getAsBoolean();
      } catch (IOException e) {
        failure = e;
        return false;
      }
    }

    @Override
    public boolean open() {
      if (closing.getAsBoolean()) {
        return false;
      }
      if (probe.gone()) {
        failure = new IOException("the logs client went away");
        return false;
      }
      return true;
    }
  }
}
