package dev.hangar.internal.host;

import dev.hangar.internal.observe.Calls;
import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.WireMethod;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.PluginClient;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Function;

/**
 * The client {@link dev.hangar.SocketPlugin#client()} hands out: before each call it makes sure
 * the plugin is active (re-activating it when stale, rediscovering it when it was dropped), and a
 * transport failure of a call marks the plugin stale. Owned by the host: {@link #close()} does
 * nothing.
 */
final class ReactivatingClient implements PluginClient {
  private final PluginRegistry registry;
  private final String name;
  private final String capability;
  private final PluginAddress address;

  /**
   * @param capability checked after every (re-)activation, or null for none
   * @param address where the plugin was found when this client was made
   */
  ReactivatingClient(PluginRegistry registry, String name, String capability,
      PluginAddress address) {
    this.registry = registry;
    this.name = name;
    this.capability = capability;
    this.address = address;
  }

  private Lease lease() {
    return registry.lease(name, capability);
  }

  @Override
  public String pluginName() {
    return name;
  }

  @Override
  public PluginAddress address() {
    return address;
  }

  @Override
  public <T> T call(String method, Object args, Type resultType, CallOptions options) {
    return withLease(method, l -> l.client().call(method, args, resultType, options));
  }

  @Override
  public byte[] callRaw(String method, Object args, CallOptions options) {
    return withLease(method, l -> l.client().callRaw(method, args, options));
  }

  @Override
  public InputStream stream(String method, Object args, CallOptions options) {
    return withLease(method, l -> l.client().stream(method, args, options));
  }

  @Override
  public <T> T sendFile(String method, InputStream body, long length, Type resultType,
      CallOptions options) {
    return withLease(method, l -> l.client().sendFile(method, body, length, resultType,
        options));
  }

  /**
   * Runs one call on the current activation's client. A transport failure marks that activation
   * stale. When another thread's failed re-activation closed the client under this call (the
   * client refuses before anything is sent), the call runs once more on a fresh lease. The
   * host's observer sees each attempt as a call of {@code method}.
   */
  private <R> R withLease(String method, Function<Lease, R> call) {
    HostObserver o = registry.observer();
    for (int attempt = 0; ; attempt++) {
      Lease l = lease();
      try {
        return Calls.timed(o, l.entry().isManaged() ? PluginEvent.MANAGED : PluginEvent.SOCKET,
            l.entry().name(), method, () -> call.apply(l));
      } catch (HangarException e) {
        l.failed(e);
        throw e;
      } catch (IllegalStateException e) {
        registry.ensureOpen(); // a closed host is the caller's problem: rethrows
        if (attempt > 0) {
          throw e;
        }
      }
    }
  }

  @Override
  public <T> T proxy(Class<T> iface) {
    if (!iface.isInterface()) {
      throw new IllegalArgumentException(iface.getName() + " is not an interface");
    }
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(proxy, method, args, iface);
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      WireMethod wm = method.getAnnotation(WireMethod.class);
      return withLease(wm != null ? wm.value() : method.getName(), l -> {
        Object inner = l.entry().proxy(l.client(), iface);
        try {
          return invoke(inner, method, args);
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new UndeclaredThrowableException(t);
        }
      });
    };
    return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, h));
  }

  /** Calls the client's proxy; the interface may be inaccessible to this class. */
  private static Object invoke(Object inner, Method method, Object[] args) throws Throwable {
    if (Proxy.isProxyClass(inner.getClass())) {
      return Proxy.getInvocationHandler(inner).invoke(inner, method, args);
    }
    try {
      method.setAccessible(true);
      return method.invoke(inner, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private Object objectMethod(Object proxy, Method method, Object[] args, Class<?> iface) {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> iface.getSimpleName() + "[plugin " + name + "]";
    };
  }

  /** Does nothing: the host owns the connections. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "PluginClient[plugin " + name + "]";
  }
}
