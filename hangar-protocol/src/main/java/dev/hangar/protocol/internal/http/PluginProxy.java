package dev.hangar.protocol.internal.http;

import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.WireMethod;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.PluginClient;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * Typed access: a {@link Proxy} implementing a {@link PluginInterface} whose abstract methods
 * each carry {@link WireMethod}. A method without parameters sends an empty body; with one, its
 * JSON. The generic return type is decoded; {@code void} ignores the body (the status is still
 * checked, and {@code Err} when the interface uses it); an {@link InputStream} return streams the
 * reply. Default methods run as written; {@code toString}, {@code equals} and {@code hashCode}
 * are the proxy's own (identity).
 */
final class PluginProxy implements InvocationHandler {
  private record Call(String wire, Type result, CallOptions options, boolean stream) {}

  private final PluginClient client;
  private final Class<?> iface;
  private final Map<Method, Call> calls;

  private PluginProxy(PluginClient client, Class<?> iface, Map<Method, Call> calls) {
    this.client = client;
    this.iface = iface;
    this.calls = calls;
  }

  /**
   * Makes the proxy.
   *
   * @throws IllegalArgumentException when {@code iface} is not an annotated interface, naming the
   *     offending method
   */
  static <T> T create(PluginClient client, Class<T> iface) {
    if (!iface.isInterface()) {
      throw new IllegalArgumentException(iface.getName() + " is not an interface");
    }
    PluginInterface pi = iface.getAnnotation(PluginInterface.class);
    if (pi == null) {
      throw new IllegalArgumentException(iface.getName() + " lacks @PluginInterface");
    }
    Map<Method, Call> calls = new HashMap<>();
    for (Method m : iface.getMethods()) {
      if (m.isDefault() || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      String name = iface.getName() + "." + m.getName();
      WireMethod wm = m.getAnnotation(WireMethod.class);
      if (wm == null) {
        throw new IllegalArgumentException(name + " lacks @WireMethod");
      }
      if (m.getParameterCount() > 1) {
        throw new IllegalArgumentException(name + " has " + m.getParameterCount()
            + " parameters; a wire method takes none or one (the request object)");
      }
      try {
        RequestWriter.target(wm.value());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": bad @WireMethod: " + e.getMessage(), e);
      }
      boolean stream = m.getReturnType() == InputStream.class;
      CallOptions o = CallOptions.DEFAULT.withIdempotent(wm.idempotent())
          .withErrInBody(pi.errInBody() && !stream);
      calls.put(m, new Call(wm.value(), m.getGenericReturnType(), o, stream));
    }
    Object p = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
        new PluginProxy(client, iface, calls));
    return iface.cast(p);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Call c = calls.get(method);
    if (c != null) {
      Object arg = args == null || args.length == 0 ? null : args[0];
      if (c.stream()) {
        return client.stream(c.wire(), arg, c.options());
      }
      return client.call(c.wire(), arg, c.result(), c.options());
    }
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    return switch (method.getName()) {
      case "toString" -> iface.getSimpleName() + " proxy of " + client;
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      default -> throw new UnsupportedOperationException(method.toString());
    };
  }
}
