package dev.hangar.exec.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Every use of Jackson, kept in this one class so that the JVM loads Jackson only when a call
 * needs it (the verifier loads the classes named in a class's exception handlers and
 * assignments when that class is first used): for a small plugin, loading Jackson is most of its
 * start-up time.
 */
final class Jackson {
  private Jackson() {}

  /** The default mapper: refuses trailing content after the arguments' value. */
  static ObjectMapper defaultMapper() {
    return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** {@code MissingNode}: no arguments. */
  static JsonNode missing() {
    return MissingNode.getInstance();
  }

  /**
   * {@code raw} parsed; an {@link ExecPluginException} naming {@code method} when it is not JSON.
   */
  static JsonNode parse(ObjectMapper mapper, String raw, String method) {
    try {
      return mapper.readTree(raw);
    } catch (JsonProcessingException e) {
      throw new ExecPluginException("invalid JSON arguments for " + method + ": "
          + e.getOriginalMessage(), e);
    }
  }

  /** {@code tree} bound to {@code type}; see {@link Call#args(Class)}. */
  static <T> T bind(ObjectMapper mapper, JsonNode tree, Class<T> type, String method) {
    if (tree.isMissingNode() || tree.isNull()) {
      return null;
    }
    try {
      return mapper.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof ExecPluginException own) {
          throw own; // thrown by the type's constructor: its message is meant for the caller
        }
      }
      throw new ExecPluginException("invalid arguments for " + method + ": " + detail(e), e);
    }
  }

  /** {@code value} as JSON; an {@link ExecPluginException} naming {@code method} on failure. */
  static String write(ObjectMapper mapper, Object value, String method) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new ExecPluginException("cannot write the result of " + method + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  private static String detail(Exception e) {
    if (e instanceof ValueInstantiationException v && v.getCause() != null
        && v.getCause().getMessage() != null) {
      return v.getCause().getMessage(); // e.g. an IllegalArgumentException from a record
    }
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
