package dev.hangar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a command's standard streams are a terminal: only the process's own streams
 * ({@link System#in}, {@link System#out}) can be, when the file descriptor is a tty
 * ({@code /dev/pts/*}, {@code /dev/tty*}).
 */
final class Terminals {
  private Terminals() {}

  /** Whether standard input is a terminal one can ask on. */
  static boolean input(CliContext ctx) {
    return ctx.in() == System.in && isTty(0);
  }

  /** Whether standard output is a terminal (for progress bars). */
  static boolean output(CliContext ctx) {
    return ctx.out() == System.out && isTty(1);
  }

  private static boolean isTty(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
