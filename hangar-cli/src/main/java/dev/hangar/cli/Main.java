package dev.hangar.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** The {@code hangar} command's entry point. The only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  /**
   * Runs the CLI and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    CliLogging.deferToFirstUse();
    System.exit(run(args, System.in, System.out, System.err, System.getenv()));
  }

  /**
   * Runs the CLI in-process.
   *
   * @param args the command line
   * @param in standard input (for {@code plugin call NAME METHOD -})
   * @param out standard output
   * @param err standard error
   * @param env the environment ({@code HANGAR_ROOT}, {@code XDG_DATA_HOME}, {@code HOME})
   * @return the exit status: 0 success, 1 failure, 2 usage error (see docs/errors.md)
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
      Map<String, String> env) {
    return HangarCommand.execute(new CliContext(in, out, err, env), args);
  }
}
