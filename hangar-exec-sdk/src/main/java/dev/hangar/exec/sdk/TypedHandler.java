package dev.hangar.exec.sdk;

/**
 * A method whose JSON arguments are bound to a Java type (a record, typically) before it runs;
 * see {@link ExecPlugin.Builder#method(String, Class, TypedHandler)}.
 *
 * @param <T> the arguments' type
 */
@FunctionalInterface
public interface TypedHandler<T> {
  /**
   * Runs the method.
   *
   * @param args the arguments; {@code null} when the call had none or they were JSON {@code null}
   * @param log  messages at core0's levels, written before the result
   * @return the result, serialized with Jackson; may be {@code null}
   * @throws Exception to fail the call with the exception's message
   */
  Object handle(T args, Log log) throws Exception;
}
