package dev.hangar.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns SIGINT and SIGTERM into a request to stop, so that a long-running command can close what
 * it holds and exit 0 instead of the JVM's 130/143. A second signal exits at once with 128 + the
 * signal's number.
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, present in every HotSpot JDK)
 * through reflection, which keeps the compiler's proprietary-API warning out of the build. Where
 * it is missing, {@link #install} says so and the JVM's default handling stays.
 */
final class StopSignals {
  private StopSignals() {}

  /**
   * Runs {@code onStop} (on the signal's thread; it should only wake the command up) at the first
   * SIGINT or SIGTERM.
   *
   * @return whether the handlers could be installed
   */
  static boolean install(Runnable onStop) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Method handle = signal.getMethod("handle", signal, handlerType);
      Method number = signal.getMethod("getNumber");
      AtomicBoolean stopping = new AtomicBoolean();
      Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(),
          new Class<?>[] {handlerType}, (proxy, m, args) -> switch (m.getName()) {
            case "handle" -> {
              if (stopping.compareAndSet(false, true)) {
                onStop.run();
              } else {
                Runtime.getRuntime().halt(128 + (Integer) number.invoke(args[0]));
              }
              yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "hangar stop handler";
          });
      for (String name : new String[] {"INT", "TERM"}) {
        handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
      }
      return true;
    } catch (ReflectiveOperationException | IllegalArgumentException | SecurityException e) {
      return false;
    }
  }
}
