package dev.hangar.managed.internal.dist;

import dev.hangar.managed.ProgressMessage;
import dev.hangar.registry.Digest;
import dev.hangar.registry.TransferListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a pull's or push's events into {@link ProgressMessage}s for one caller: byte counts of a
 * blob at most every 1/100 of it (and its last byte), a callback that throws is logged and
 * dropped (progress must never fail the work). Thread-safe: a pull reports downloads from the
 * registry client's threads and unpacking from its own at the same time, and the caller gets
 * one message at a time.
 */
final class ProgressSink implements TransferListener {
  private static final Logger LOG = Logger.getLogger(ProgressSink.class.getName());

  private final Consumer<ProgressMessage> out;
  private final String action;
  private final Map<Digest, Long> last = new ConcurrentHashMap<>();

  ProgressSink(Consumer<ProgressMessage> out, String action) {
    this.out = out;
    this.action = action;
  }

  /** Docker's short ID of a blob ({@code stringid.TruncateID}): 12 hex characters. */
  static String shortId(Digest d) {
    return d.hex().substring(0, 12);
  }

  void say(String id, String status) {
    send(ProgressMessage.of(id, status));
  }

  void say(String status) {
    send(ProgressMessage.of("", status));
  }

  void bytes(String id, String status, long current, long total) {
    send(new ProgressMessage(id, status, current, total));
  }

  @Override
  public void progress(Digest digest, long done, long total) {
    long step = total > 0 ? Math.max(1, total / 100) : 1 << 20;
    Long before = last.get(digest);
    if (before != null && done - before < step && done != total) {
      return;
    }
    last.put(digest, done);
    bytes(shortId(digest), action, done, total);
  }

  private synchronized void send(ProgressMessage m) {
    try {
      out.accept(m);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "a progress callback failed", e);
    }
  }
}
