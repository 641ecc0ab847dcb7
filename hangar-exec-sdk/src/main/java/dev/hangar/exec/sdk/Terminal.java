package dev.hangar.exec.sdk;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the plugin was run by hand, from a terminal. */
final class Terminal {
  private Terminal() {}

  /**
   * True when stdin and stdout are a terminal. On JDK 21 that is {@code System.console() !=
   * null}; from JDK 22 {@code System.console()} may be non-null when redirected, and {@code
   * Console.isTerminal()} (called reflectively: this SDK targets 21) gives the answer.
   */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException jdk21) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
