package dev.hangar.sdk.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.Wire;
import dev.hangar.protocol.WireMethod;
import dev.hangar.protocol.internal.Json;
import dev.hangar.sdk.RawHandler;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Turns an implementation of a {@link PluginInterface}-annotated interface into endpoints. */
public final class InterfaceBinding {
  private static final JsonNode EMPTY_OBJECT = Json.MAPPER.createObjectNode();

  private InterfaceBinding() {}

  /**
   * The capability an interface declares.
   *
   * @throws IllegalArgumentException when {@code iface} is not an annotated interface
   */
  public static String capability(Class<?> iface) {
    if (!iface.isInterface()) {
      throw new IllegalArgumentException(iface.getName() + " is not an interface");
    }
    PluginInterface pi = iface.getAnnotation(PluginInterface.class);
    if (pi == null) {
      throw new IllegalArgumentException(
          iface.getName() + " is not annotated with @" + PluginInterface.class.getSimpleName());
    }
    if (pi.value().isEmpty()) {
      throw new IllegalArgumentException(iface.getName() + " declares an empty capability");
    }
    return pi.value();
  }

  /**
   * One endpoint per {@link WireMethod} of {@code iface}, calling {@code impl}.
   *
   * @throws IllegalArgumentException when the interface is not annotated, an abstract method has no
   *     {@link WireMethod}, a method has more than one parameter, or a wire method repeats
   */
  public static <T> Map<String, RawHandler> endpoints(Class<T> iface, T impl) {
    capability(iface);
    Objects.requireNonNull(impl, "impl");
    if (!iface.isInstance(impl)) {
      throw new IllegalArgumentException(impl.getClass().getName() + " does not implement "
          + iface.getName());
    }
    Map<String, RawHandler> out = new LinkedHashMap<>();
    for (Method m : iface.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
        continue;
      }
      WireMethod wm = m.getAnnotation(WireMethod.class);
      if (wm == null) {
        if (m.isDefault()) {
          continue;
        }
        throw new IllegalArgumentException(
            iface.getName() + "." + m.getName() + " has no @" + WireMethod.class.getSimpleName());
      }
      String wire = wm.value();
      if (wire.isEmpty() || wire.startsWith("/") || wire.equals(Wire.ACTIVATE)) {
        throw new IllegalArgumentException(
            iface.getName() + "." + m.getName() + " has an unusable wire method '" + wire + "'");
      }
      if (m.getParameterCount() > 1) {
        throw new IllegalArgumentException(iface.getName() + "." + m.getName()
            + " has " + m.getParameterCount() + " parameters; a wire method takes zero or one");
      }
      if (out.put(wire, endpoint(wire, impl, m)) != null) {
        throw new IllegalArgumentException(
            iface.getName() + " declares wire method " + wire + " more than once");
      }
    }
    return out;
  }

  private static RawHandler endpoint(String wire, Object impl, Method m) {
    m.trySetAccessible();
    boolean isVoid = m.getReturnType() == void.class || m.getReturnType() == Void.class;
    ObjectReader reader = m.getParameterCount() == 0 ? null
        : Json.MAPPER.readerFor(Json.MAPPER.constructType(m.getGenericParameterTypes()[0]));
    return body -> {
      Object[] args = reader == null ? new Object[0] : new Object[] {decode(wire, reader, body)};
      try {
        Object result = m.invoke(impl, args);
        return isVoid ? null : result;
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception ex) {
          throw ex;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw e;
      }
    };
  }

  /**
   * Decodes the argument. An absent body is decoded as {@code {}} when the parameter type allows
   * it (so records get their defaults), else passed as null.
   */
  private static Object decode(String wire, ObjectReader reader, JsonNode body)
      throws BadBodyException {
    if (body == null) {
      try {
        return reader.readValue(EMPTY_OBJECT);
      } catch (IOException | IllegalArgumentException e) {
        return null;
      }
    }
    try {
      return reader.readValue(body);
    } catch (JacksonException e) {
      throw new BadBodyException("bad request body for " + wire + ": " + e.getOriginalMessage());
    } catch (IOException | IllegalArgumentException e) {
      throw new BadBodyException("bad request body for " + wire + ": " + e.getMessage());
    }
  }
}
