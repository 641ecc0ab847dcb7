package dev.hangar.daemon.internal.api;

import dev.hangar.managed.ManagedEvent;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's events, as dockerd's {@code events.Events}: the last {@value #RING} kept for
 * {@code since}/{@code until}, and the live ones handed to each subscriber's queue.
 *
 * <p>{@link #publish} is fast and never blocks (the manager calls it on the thread that caused
 * the event): a subscriber whose queue is full misses the event (dockerd gives a slow
 * subscriber 100 ms, then skips it). Thread-safe.
 */
final class EventHub {
  private static final System.Logger LOG = System.getLogger("dev.hangar.daemon");
  /** How many past events are kept (dockerd's {@code eventsLimit}). */
  static final int RING = 256;
  /** How many events wait for a slow subscriber (dockerd's {@code bufferSize}). */
  static final int QUEUE = 1024;

  private final ArrayDeque<EventMessage> ring = new ArrayDeque<>(RING);
  private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
  private boolean closed;

  /** Records and delivers {@code e}. */
  void publish(ManagedEvent e) {
    publish(EventMessage.of(e));
  }

  synchronized void publish(EventMessage m) {
    if (ring.size() == RING) {
      ring.removeFirst();
    }
    ring.addLast(m);
    for (Subscription s : subscribers) {
      if (s.filter.includes(m) && !s.queue.offer(m)) {
        LOG.log(Level.WARNING, "an events client is too slow; it misses a " + m.action()
            + " event of plugin " + m.id());
      }
    }
  }

  /**
   * Subscribes: the kept events between {@code since} and {@code until} that pass
   * {@code filter} (none when both are empty, as dockerd), then the live ones.
   */
  synchronized Subscription subscribe(Optional<Instant> since, Optional<Instant> until,
      EventFilter filter) {
    List<EventMessage> past = new ArrayList<>();
    if (since.isPresent() || until.isPresent()) {
      long from = since.map(EventHub::nanos).orElse(0L);
      long to = until.map(EventHub::nanos).orElse(0L);
      for (EventMessage m : ring) {
        if (m.timeNano() >= from && (to <= 0 || m.timeNano() <= to) && filter.includes(m)) {
          past.add(m);
        }
      }
    }
    Subscription s = new Subscription(past, filter);
    if (closed) {
      s.queue.offer(Subscription.END);
    } else {
      subscribers.add(s);
    }
    return s;
  }

  /** Ends every subscription; later ones end at once. Idempotent. */
  synchronized void close() {
    closed = true;
    for (Subscription s : subscribers) {
      s.end();
    }
  }

  /** How many subscribers listen. */
  int listeners() {
    return subscribers.size();
  }

  static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** One client's events. Close it to unsubscribe. */
  final class Subscription implements AutoCloseable {
    static final EventMessage END = new EventMessage("", "", java.util.Map.of(), 0);
    private final List<EventMessage> past;
    private final EventFilter filter;
    private final BlockingQueue<EventMessage> queue = new ArrayBlockingQueue<>(QUEUE + 1);

    private Subscription(List<EventMessage> past, EventFilter filter) {
      this.past = List.copyOf(past);
      this.filter = filter;
    }

    /** The kept events asked for, oldest first. */
    List<EventMessage> past() {
      return past;
    }

    /**
     * The next live event, waiting at most {@code wait}.
     *
     * @return the event; empty on time-out; {@link #END} once the hub closed
     */
    Optional<EventMessage> next(Duration wait) throws InterruptedException {
      return Optional.ofNullable(queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS));
    }

    private void end() {
      queue.clear();
      queue.offer(END);
    }

    @Override
    public void close() {
      subscribers.remove(this);
    }
  }
}
