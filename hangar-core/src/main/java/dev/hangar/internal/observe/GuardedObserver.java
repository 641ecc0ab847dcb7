package dev.hangar.internal.observe;

import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** A user's observer whose exceptions are logged and dropped, so they never reach a caller. */
public final class GuardedObserver implements HostObserver {
  private static final Logger LOG = System.getLogger("dev.hangar.observe");

  private final HostObserver inner;

  private GuardedObserver(HostObserver inner) {
    this.inner = inner;
  }

  /** {@code o} guarded; {@link HostObserver#NONE} as it is. */
  public static HostObserver of(HostObserver o) {
    return o == HostObserver.NONE || o instanceof GuardedObserver ? o : new GuardedObserver(o);
  }

  private static void dropped(String what, RuntimeException e) {
    LOG.log(Level.WARNING, "a host observer failed on " + what + "; ignored", e);
  }

  @Override
  public void event(PluginEvent event) {
    try {
      inner.event(event);
    } catch (RuntimeException e) {
      dropped(event.action(), e);
    }
  }

  @Override
  public void callStarted(String kind, String plugin, String method) {
    try {
      inner.callStarted(kind, plugin, method);
    } catch (RuntimeException e) {
      dropped("a call", e);
    }
  }

  @Override
  public void callEnded(String kind, String plugin, String method, String outcome, long nanos) {
    try {
      inner.callEnded(kind, plugin, method, outcome, nanos);
    } catch (RuntimeException e) {
      dropped("a call", e);
    }
  }

  @Override
  public void execExited(String plugin, String method, int status) {
    try {
      inner.execExited(plugin, method, status);
    } catch (RuntimeException e) {
      dropped("an exec exit", e);
    }
  }

  @Override
  public void downloaded(String scheme, long bytes) {
    try {
      inner.downloaded(scheme, bytes);
    } catch (RuntimeException e) {
      dropped("a download", e);
    }
  }
}
