package dev.hangar.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin enable [--timeout N] NAME}: starts a managed plugin through the daemon
 * ({@code POST /plugins/{name}/enable?timeout=N}) and prints NAME, as {@code docker plugin
 * enable}. The global {@code --timeout} is, here, Docker's: the plugin's HTTP client timeout in
 * seconds (default 30; {@code 500ms} counts as 1).
 */
@Command(name = "enable", mixinStandardHelpOptions = true,
    description = {"Enable a managed plugin (through the daemon).",
        "--timeout N is the plugin's HTTP client timeout in seconds, as Docker's (default 30)."})
final class PluginEnableCommand implements Callable<Integer> {
  /** Docker's default {@code --timeout} of {@code plugin enable}, in seconds. */
  static final int DEFAULT_TIMEOUT_SECONDS = 30;

  @ParentCommand PluginCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name or ID.")
  String name;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    int seconds = top.timeout == null ? DEFAULT_TIMEOUT_SECONDS : ceilSeconds(top.timeout);
    try (DaemonLink daemon = DaemonLink.of(top)) {
      daemon.client().enable(name, seconds);
    }
    top.context().out().println(name);
    return 0;
  }

  private static int ceilSeconds(Duration d) {
    long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
    return (int) Math.min(Integer.MAX_VALUE, s);
  }
}
