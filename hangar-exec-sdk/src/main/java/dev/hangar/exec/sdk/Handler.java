package dev.hangar.exec.sdk;

/**
 * One method of an exec plugin: takes the call (its JSON arguments and a {@link Log}) and returns
 * the result, which is written as JSON ({@code null} is written as {@code null}).
 *
 * <p>A thrown exception fails the call: its message becomes the error result and the plugin
 * exits 1. Throw {@link ExecPluginException} (or {@link IllegalArgumentException}) for errors
 * the caller should read; anything else is treated as a bug and its stack trace also goes to
 * stderr.
 */
@FunctionalInterface
public interface Handler {
  /**
   * Runs the method.
   *
   * @param call the call's arguments and log
   * @return the result, serialized with Jackson; may be {@code null}
   * @throws Exception to fail the call with the exception's message
   */
  Object handle(Call call) throws Exception;
}
