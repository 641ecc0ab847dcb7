package dev.hangar.internal.jar;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The host's handle on a JAR plugin: every call goes to the plugin's current generation (so a
 * reload is seen by the next call, and a call never meets an unloaded plugin half-way), with the
 * plugin's class loader as the thread's context class loader during the call.
 */
final class CallHandler implements InvocationHandler {
  private final JarPluginRegistry registry;
  private final String key;
  private final Class<?> iface;

  CallHandler(JarPluginRegistry registry, String key, Class<?> iface) {
    this.registry = registry;
    this.key = key;
    this.iface = iface;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "JAR plugin " + key + " (" + iface.getSimpleName() + ")";
      };
    }
    LoadedJar gen = registry.enter(key);
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(gen.loader());
    try {
      Object target = gen.implementation();
      if (!method.getDeclaringClass().isInstance(target)) {
        throw new UnsupportedOperationException("JAR plugin " + key + " ("
            + target.getClass().getName() + ") does not implement "
            + method.getDeclaringClass().getName());
      }
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      t.setContextClassLoader(previous);
      gen.exit();
    }
  }
}
