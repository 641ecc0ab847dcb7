package dev.hangar.exec.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One call of a plugin method: the method name, the JSON arguments and a {@link Log}.
 *
 * <p>The arguments are argv[2], parsed only when the handler asks for them (as core0's library
 * hands over raw JSON): a method that ignores its arguments succeeds whatever they are. When the
 * plugin was run without them, or with more than two arguments (which core0's library also
 * ignores), or with an empty string, there are none: {@link #hasArgs()} is false.
 *
 * <p>Not thread-safe; one per call.
 */
public final class Call {
  private final String method;
  private final String raw;
  private final Log log;
  private final JsonText json;
  private JsonNode args;

  Call(String method, String raw, Log log, JsonText json) {
    this.method = method;
    this.raw = raw == null || raw.isBlank() ? null : raw;
    this.log = log;
    this.json = json;
  }

  /** The method being called. */
  public String method() {
    return method;
  }

  /** True when the call has arguments (which may be JSON {@code null}). */
  public boolean hasArgs() {
    return raw != null;
  }

  /** The arguments as given on the command line, unparsed. */
  public Optional<String> rawArgs() {
    return Optional.ofNullable(raw);
  }

  /**
   * The arguments as a JSON tree.
   *
   * @return the tree; a {@code MissingNode} when there are no arguments
   * @throws ExecPluginException when they are not one JSON value, naming the method
   */
  public JsonNode args() {
    if (args == null) {
      args = raw == null ? Jackson.missing() : Jackson.parse(json.mapper(), raw, method);
    }
    return args;
  }

  /**
   * The arguments bound to {@code type} with Jackson (unknown properties are refused).
   *
   * @param type the arguments' Java type, typically a record
   * @param <T>  the type
   * @return the arguments, or {@code null} when there are none or they are JSON {@code null}
   * @throws ExecPluginException naming the method and what did not match; an {@code
   *     ExecPluginException} thrown by the type's constructor is rethrown as it is
   */
  public <T> T args(Class<T> type) {
    return Jackson.bind(json.mapper(), args(), type, method);
  }

  /** Messages at core0's levels, written on stdout before the result. */
  public Log log() {
    return log;
  }
}
