package dev.hangar.managed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A driver's side of {@link CrashLane}'s protocol, on standard input and output: touches nothing
 * until it reads {@code open}, then opens the root and prints what it found ({@code ready ...}),
 * waits for {@code go}, and runs operations for ever, printing each one's {@code done ...} line.
 * An operation that throws prints {@code failed <exception>} and ends it, so that the test
 * reports it; end of input ends it too.
 */
final class CrashDriverLoop {
  /** Opens the root: the owner before is dead now. */
  interface Opener {
    Opened open() throws IOException;
  }

  /**
   * An opened root.
   *
   * @param plugins its managed plugins
   * @param ready the {@code ready} line: what the owner found
   */
  record Opened(ManagedPlugins plugins, String ready) {}

  private CrashDriverLoop() {}

  /**
   * Serves the protocol.
   *
   * @param step runs one operation; its {@code done} line
   */
  static void serve(Opener opener, Function<ManagedPlugins, String> step) throws IOException {
    BufferedReader in = new BufferedReader(
        new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"open".equals(in.readLine())) {
      return;
    }
    Opened opened = opener.open();
    System.out.println(opened.ready());
    System.out.flush();
    if (in.readLine() == null) {
      return;
    }
    while (true) {
      String done;
      try {
        done = step.apply(opened.plugins());
      } catch (RuntimeException e) {
        System.out.println("failed " + e);
        System.out.flush();
        return;
      }
      System.out.println(done);
      System.out.flush();
    }
  }
}
