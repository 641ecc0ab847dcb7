package dev.hangar.internal.jar;

import dev.hangar.internal.observe.Calls;
import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The host's proxy handle on a JAR plugin: every call goes to the plugin's current generation (so
 * a reload is seen by the next call, and a call never meets an unloaded plugin half-way), with the
 * plugin's class loader as the thread's context class loader during the call.
 *
 * <p>Each interface method is called through a {@link MethodHandle} made once per handler (a
 * spreader taking the proxy's argument array), found by identity of the {@link Method} the proxy
 * passes; {@link Method#invoke} remains the fallback for a method no public lookup can reach.
 */
final class CallHandler implements InvocationHandler {
  private static final MethodType SPREAD = MethodType.methodType(Object.class, Object.class,
      Object[].class);
  private static final Object[] NO_ARGS = {};

  private final PluginSlot slot;
  private final Class<?> iface;
  /** The methods seen so far and their handles (same index); replaced whole when one is added. */
  private volatile Invokers invokers = new Invokers(new Method[0], new MethodHandle[0]);

  private final HostObserver observer;

  CallHandler(PluginSlot slot, Class<?> iface, HostObserver observer) {
    this.slot = slot;
    this.iface = iface;
    this.observer = observer;
  }

  private record Invokers(Method[] methods, MethodHandle[] handles) {}

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "JAR plugin " + slot.key() + " (" + iface.getSimpleName() + ")";
      };
    }
    if (observer == HostObserver.NONE) {
      return call(method, args);
    }
    observer.callStarted(PluginEvent.JAR, slot.key(), method.getName());
    long start = System.nanoTime();
    String outcome = Calls.ERROR;
    try {
      Object r = call(method, args);
      outcome = Calls.OK;
      return r;
    } catch (Throwable e) {
      outcome = Calls.outcome(e);
      throw e;
    } finally {
      observer.callEnded(PluginEvent.JAR, slot.key(), method.getName(), outcome,
          System.nanoTime() - start);
    }
  }

  /** Calls {@code method} on the current generation. */
  private Object call(Method method, Object[] args) throws Throwable {
    MethodHandle mh = invoker(method);
    Thread t = Thread.currentThread();
    int ticket = LoadedJar.ticket(t);
    LoadedJar gen = slot.enter(ticket);
    ClassLoader previous = t.getContextClassLoader();
    try {
      Object target = gen.implementation();
      if (!method.getDeclaringClass().isInstance(target)) {
        throw new UnsupportedOperationException("JAR plugin " + slot.key() + " ("
            + target.getClass().getName() + ") does not implement "
            + method.getDeclaringClass().getName());
      }
      t.setContextClassLoader(gen.loader());
      if (mh != null) {
        Object[] a = args == null ? NO_ARGS : args;
        return (Object) mh.invokeExact(target, a);
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    } finally {
      t.setContextClassLoader(previous);
      gen.exit(ticket);
    }
  }

  /** The handle for {@code m}, or null to use reflection. */
  private MethodHandle invoker(Method m) {
    Invokers inv = invokers;
    Method[] ms = inv.methods();
    for (int i = 0; i < ms.length; i++) {
      if (ms[i] == m) {
        return inv.handles()[i];
      }
    }
    return add(m);
  }

  private synchronized MethodHandle add(Method m) {
    Invokers inv = invokers;
    MethodHandle mh;
    try {
      mh = MethodHandles.publicLookup().unreflect(m)
          .asSpreader(Object[].class, m.getParameterCount()).asType(SPREAD);
    } catch (IllegalAccessException e) {
      mh = null;
    }
    int n = inv.methods().length;
    Method[] ms = Arrays.copyOf(inv.methods(), n + 1);
    MethodHandle[] hs = Arrays.copyOf(inv.handles(), n + 1);
    ms[n] = m;
    hs[n] = mh;
    invokers = new Invokers(ms, hs);
    return mh;
  }
}
