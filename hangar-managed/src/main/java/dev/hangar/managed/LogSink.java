package dev.hangar.managed;

/**
 * Receives the lines of a log read ({@link ManagedPlugins#logs}).
 *
 * @since 0.2
 */
@FunctionalInterface
public interface LogSink {
  /**
   * Takes one line.
   *
   * @return false to stop reading (ends a follow)
   */
  boolean accept(LogLine line);

  /** Polled while following and nothing new arrives; false ends the follow. */
  default boolean open() {
    return true;
  }
}
