package dev.hangar.internal.observe;

import dev.hangar.observe.HostObserver;
import dev.hangar.protocol.HangarException;
import java.util.function.Supplier;

/** Times calls for a {@link HostObserver}; costs nothing more than a branch without one. */
public final class Calls {
  /** The outcome of a call that returned. */
  public static final String OK = "ok";
  /** The outcome of a failure that is not a {@link HangarException}. */
  public static final String ERROR = "error";

  private Calls() {}

  /** The outcome label of {@code t}: its error code's name, else {@link #ERROR}. */
  public static String outcome(Throwable t) {
    return t instanceof HangarException h ? h.code().name() : ERROR;
  }

  /** Runs {@code call}, telling {@code o} of its start and its end. */
  public static <R> R timed(HostObserver o, String kind, String plugin, String method,
      Supplier<R> call) {
    if (o == HostObserver.NONE) {
      return call.get();
    }
    o.callStarted(kind, plugin, method);
    long start = System.nanoTime();
    String outcome = ERROR;
    try {
      R r = call.get();
      outcome = OK;
      return r;
    } catch (RuntimeException | Error e) {
      outcome = outcome(e);
      throw e;
    } finally {
      o.callEnded(kind, plugin, method, outcome, System.nanoTime() - start);
    }
  }
}
