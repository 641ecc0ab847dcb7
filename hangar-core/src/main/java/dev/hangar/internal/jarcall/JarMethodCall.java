package dev.hangar.internal.jarcall;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.hangar.JarHandle;
import dev.hangar.PluginHost;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.MethodNotFoundException;
import dev.hangar.protocol.PluginCallException;
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.internal.Durations;
import dev.hangar.protocol.internal.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call of a JAR plugin by name with JSON arguments ({@code hangar plugin call}, in the CLI or
 * through the daemon's relay): calls a method of one of the public interfaces its
 * implementation implements (e.g. {@code apply} of {@code java.util.function.Function}), found by
 * name and number of arguments, through the host's handle (so with the plugin's context class
 * loader). ARGS is a JSON array of the arguments, or one JSON value for a method of one
 * parameter; each is converted to its parameter's type by Jackson. The result is printed as
 * compact JSON on one line (nothing for {@code void}); a result JSON cannot show is printed as
 * its {@code toString()}.
 */
public final class JarMethodCall {
  private JarMethodCall() {}

  /**
   * The type of the one JAR plugin called {@code name}.
   *
   * @throws PluginNotFoundException when none is loaded
   * @throws HangarException USAGE when plugins of several types have that name
   */
  public static String typeOf(PluginHost host, String name) {
    List<String> types = host.jarPlugins().stream().filter(p -> p.name().equals(name))
        .map(p -> p.type()).distinct().toList();
    if (types.isEmpty()) {
      throw notLoaded(host, name);
    }
    if (types.size() > 1) {
      throw new HangarException(ErrorCode.USAGE, "JAR plugin name " + name + " is ambiguous: "
          + "it is a plugin of the types " + String.join(", ", types) + "; name one as TYPE/"
          + name);
    }
    return types.get(0);
  }

  /**
   * Calls {@code method} of the JAR plugin {@code type/name}.
   *
   * @param args the JSON text of the arguments, or null for none
   * @param timeout how long to wait for the result (the call runs on a daemon thread, which is
   *     interrupted when it overruns: a Java call cannot be stopped otherwise)
   * @return the result as one line of text (see the class comment), or null for {@code void}
   * @throws PluginNotFoundException when no such plugin is loaded
   * @throws HangarException USAGE for arguments that do not fit, or a name several plugins
   *     share; METHOD_NOT_FOUND when no method has that name and arity; PLUGIN_CALL_FAILED when
   *     it threw; PLUGIN_TIMEOUT when it did not return in time
   */
  public static String call(PluginHost host, String type, String name, String method,
      String args, Duration timeout) {
    String plugin = type + "/" + name;
    JarHandle<Object> handle = host.jarHandle(type, name, Object.class)
        .orElseThrow(() -> notLoaded(host, plugin));
    List<JsonNode> values = arguments(args);
    FutureTask<String> task = new FutureTask<>(() -> invoke(handle, plugin, method, values));
    Thread.ofPlatform().daemon().name("hangar-jar-call").start(task);
    try {
      return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      task.cancel(true); // an interrupt: a call that honours it ends, and the host closes at once
      throw new PluginCallException(ErrorCode.PLUGIN_TIMEOUT, plugin, method, 0,
          "no result within " + Durations.format(timeout) + " (--timeout); the call was "
              + "interrupted (a Java call cannot be stopped otherwise)", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HangarException(ErrorCode.INTERNAL, "interrupted while calling JAR plugin "
          + plugin, e);
    }
  }

  private static String invoke(JarHandle<Object> handle, String plugin, String method,
      List<JsonNode> values) {
    return handle.call(impl -> {
      Method m = resolve(impl.getClass(), plugin, method, values.size());
      Object[] a = new Object[values.size()];
      for (int i = 0; i < a.length; i++) {
        JavaType want = parameterType(impl.getClass(), m, i);
        try {
          a[i] = Json.MAPPER.convertValue(values.get(i), want);
        } catch (IllegalArgumentException e) {
          String why = e.getCause() instanceof JacksonException j ? Json.problem(j)
              : e.getMessage();
          throw new HangarException(ErrorCode.USAGE, "argument " + (i + 1) + " of " + method
              + " of JAR plugin " + plugin + " is not a " + want.toCanonical() + ": " + why, e);
        }
      }
      Object result;
      try {
        result = m.invoke(impl, a);
      } catch (InvocationTargetException e) {
        throw new PluginCallException(ErrorCode.PLUGIN_CALL_FAILED, plugin, method, 0,
            String.valueOf(e.getCause()), e.getCause());
      } catch (IllegalAccessException e) {
        throw new HangarException(ErrorCode.USAGE, signature(m) + " of JAR plugin " + plugin
            + " cannot be called from outside: " + e.getMessage(), e);
      }
      return m.getReturnType() == void.class ? null : show(result);
    });
  }

  /**
   * Parameter {@code i} of {@code m} as the implementation binds it: {@code T} of
   * {@code Function<T, R>} is {@code String} for a class implementing {@code Function<String,
   * String>} (left {@code Object} when the class says nothing, e.g. a lambda).
   */
  private static JavaType parameterType(Class<?> impl, Method m, int i) {
    TypeFactory types = Json.MAPPER.getTypeFactory();
    JavaType owner = types.constructType(impl).findSuperType(m.getDeclaringClass());
    Type declared = m.getGenericParameterTypes()[i];
    return owner == null ? types.constructType(declared)
        : types.resolveMemberType(declared, owner.getBindings());
  }

  private static PluginNotFoundException notLoaded(PluginHost host, String plugin) {
    return new PluginNotFoundException(plugin, "JAR plugin " + plugin + " is not loaded from "
        + host.pluginDirs() + " ('hangar plugin validate' lists what is, and why others are not)");
  }

  /** ARGS as the list of arguments. */
  private static List<JsonNode> arguments(String args) {
    if (args == null || args.isBlank()) {
      return List.of();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(args);
    } catch (JsonProcessingException e) {
      throw new HangarException(ErrorCode.USAGE, "ARGS is not valid JSON: "
          + Json.problem(e), e);
    }
    if (node instanceof ArrayNode array) {
      List<JsonNode> out = new ArrayList<>();
      array.forEach(out::add);
      return out;
    }
    return List.of(node);
  }

  /** The one public interface method called {@code name} with {@code arity} parameters. */
  private static Method resolve(Class<?> impl, String plugin, String name, int arity) {
    Map<String, Method> byName = new LinkedHashMap<>();
    TreeSet<String> all = new TreeSet<>();
    for (Class<?> iface : publicInterfaces(impl)) {
      for (Method m : iface.getMethods()) {
        if (Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        all.add(signature(m));
        if (m.getName().equals(name) && m.getParameterCount() == arity) {
          byName.putIfAbsent(Arrays.toString(m.getParameterTypes()), m);
        }
      }
    }
    if (byName.size() == 1) {
      return byName.values().iterator().next();
    }
    if (byName.isEmpty()) {
      throw new MethodNotFoundException(plugin, name, "no method " + name
          + " with " + arity + " argument" + (arity == 1 ? "" : "s") + " in the interfaces of "
          + impl.getName() + "; there are: " + String.join(", ", all));
    }
    throw new HangarException(ErrorCode.USAGE, "JAR plugin " + plugin + ": " + name + " with "
        + arity + " arguments is ambiguous: " + String.join(", ",
            byName.values().stream().map(JarMethodCall::signature).toList()));
  }

  /** Every public interface {@code c} implements, directly or not. */
  private static List<Class<?>> publicInterfaces(Class<?> c) {
    Set<Class<?>> seen = new LinkedHashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      todo.addAll(List.of(k.getInterfaces()));
    }
    while (!todo.isEmpty()) {
      Class<?> i = todo.pop();
      if (seen.add(i)) {
        todo.addAll(List.of(i.getInterfaces()));
      }
    }
    return seen.stream().filter(i -> Modifier.isPublic(i.getModifiers())).toList();
  }

  private static String signature(Method m) {
    return m.getName() + "(" + String.join(", ",
        Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).toList()) + ")";
  }

  /** The result as one line of compact JSON, else its {@code toString()}. */
  private static String show(Object result) {
    try {
      return Json.MAPPER.writeValueAsString(result);
    } catch (JsonProcessingException | RuntimeException e) {
      return String.valueOf(result);
    } finally {
      if (result instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // shown already; nothing else to do with it
        }
      }
    }
  }
}
