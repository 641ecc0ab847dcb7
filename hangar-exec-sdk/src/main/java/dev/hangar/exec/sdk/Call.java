package dev.hangar.exec.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One call of a plugin method: the method name, the JSON arguments and a {@link Log}.
 *
 * <p>The arguments are argv[2] parsed as JSON. When the plugin was run without them (or with more
 * than two arguments, which core0's library also ignores) {@link #args()} is a {@code
 * MissingNode}: test it with {@link #hasArgs()}.
 */
public final class Call {
  private final String method;
  private final JsonNode args;
  private final Log log;
  private final ObjectMapper json;

  Call(String method, JsonNode args, Log log, ObjectMapper json) {
    this.method = method;
    this.args = args;
    this.log = log;
    this.json = json;
  }

  /** The method being called. */
  public String method() {
    return method;
  }

  /** The arguments as a JSON tree; a {@code MissingNode} when there were none. */
  public JsonNode args() {
    return args;
  }

  /** True when the call had arguments (which may be JSON {@code null}). */
  public boolean hasArgs() {
    return !args.isMissingNode();
  }

  /**
   * The arguments bound to {@code type} with Jackson (unknown properties are refused).
   *
   * @param type the arguments' Java type, typically a record
   * @param <T>  the type
   * @return the arguments, or {@code null} when there were none or they were JSON {@code null}
   * @throws ExecPluginException naming the method and what did not match
   */
  public <T> T args(Class<T> type) {
    if (args.isMissingNode() || args.isNull()) {
      return null;
    }
    try {
      return json.treeToValue(args, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage()
          : e.getMessage();
      throw new ExecPluginException("invalid arguments for " + method + ": " + detail, e);
    }
  }

  /** Messages at core0's levels, written on stdout before the result. */
  public Log log() {
    return log;
  }
}
