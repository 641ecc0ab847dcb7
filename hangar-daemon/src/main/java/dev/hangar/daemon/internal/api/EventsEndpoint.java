package dev.hangar.daemon.internal.api;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /events}: the plugin events as a stream of JSON objects (one per line, each sent as
 * it happens), as dockerd's {@code getEvents}.
 *
 * <p>{@code since}/{@code until} are unix timestamps ({@code seconds[.nanoseconds]}); with either,
 * the kept past events in range come first. An {@code until} in the past ends the stream after
 * them; one in the future ends it then; without one the stream lasts until the client goes or
 * the daemon closes. {@code filters} as {@link EventFilter}.
 */
final class EventsEndpoint {
  /** How often a quiet stream checks that its client is still there. */
  static final Duration PROBE_EVERY = Duration.ofMillis(500);

  private final EventHub hub;

  EventsEndpoint(EventHub hub) {
    this.hub = hub;
  }

  void serve(Exchange ex) throws IOException, InterruptedException {
    Query q = ex.query();
    Optional<Instant> since = time(q, "since");
    Optional<Instant> until = time(q, "until");
    boolean onlyPast = false;
    if (until.isPresent()) {
      if (since.isPresent() && until.get().isBefore(since.get())) {
        throw new HangarException(ErrorCode.USAGE, "`since` time (" + q.get("since")
            + ") cannot be after `until` time (" + q.get("until") + ")");
      }
      onlyPast = until.get().isBefore(Instant.now());
    }
    EventFilter filter = new EventFilter(Filters.parse(q.get("filters")));
    ClientProbe probe = ClientProbe.of(ex.request());
    try (EventHub.Subscription sub = hub.subscribe(since, until, filter)) {
      OutputStream out = ex.startStream(Exchange.JSON);
      for (EventMessage m : sub.past()) {
        write(out, m);
      }
      while (!onlyPast) {
        Duration wait = PROBE_EVERY;
        if (until.isPresent()) {
          Duration left = Duration.between(Instant.now(), until.get());
          if (left.isNegative() || left.isZero()) {
            break;
          }
          wait = left.compareTo(wait) < 0 ? left : wait;
        }
        Optional<EventMessage> m = sub.next(wait);
        if (m.isPresent() && m.get() == EventHub.Subscription.END) {
          break;
        }
        if (m.isPresent()) {
          write(out, m.get());
        } else if (probe.gone()) {
          ex.abort(new IOException("the events client went away"));
          return;
        }
      }
      ex.endStream(out);
    }
  }

  private static void write(OutputStream out, EventMessage m) throws IOException {
    out.write(ApiJson.encodeHtmlEscaped(m.toJson()));
    out.flush();
  }

  private static Optional<Instant> time(Query q, String key) {
    try {
      return Timestamps.parseUnix(q.get(key));
    } catch (IllegalArgumentException e) {
      throw new HangarException(ErrorCode.USAGE,
          "invalid value for '" + key + "': " + e.getMessage());
    }
  }
}
