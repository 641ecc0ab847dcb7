package dev.hangar.protocol.internal.http;

/**
 * One attempt's connection and deadline. Whoever holds the exchange owns the connection until
 * {@link #body(ResponseHead)} hands it to the reply body, which then releases or closes it.
 */
final class Exchange {
  final Connection conn;
  final Watchdog dog;
  private final ConnectionPool pool;
  private boolean handedOff;
  private volatile boolean noReuse;

  Exchange(Connection conn, Watchdog dog, ConnectionPool pool) {
    this.conn = conn;
    this.dog = dog;
    this.pool = pool;
  }

  /**
   * The reply body. At its end the connection returns to the pool, unless the deadline fired
   * (then the watchdog has closed it, or is about to).
   */
  BodyInput body(ResponseHead head) {
    handedOff = true;
    return BodyInput.of(head, conn, c -> {
      if (dog.disarm() && !noReuse) {
        pool.offer(c);
      } else {
        c.close();
      }
    });
  }

  /** Keeps the connection out of the pool after this exchange (its request was cut short). */
  void noReuse() {
    noReuse = true;
  }

  /** Closes the connection unless a body took it over; stops the deadline either way. */
  void abandon() {
    dog.disarm();
    if (!handedOff) {
      conn.close();
    }
  }
}
