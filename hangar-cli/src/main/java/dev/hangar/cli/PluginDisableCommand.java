package dev.hangar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin disable [-f] NAME}: stops a managed plugin through the daemon
 * ({@code POST /plugins/{name}/disable[?force=1]}) and prints NAME, as {@code docker plugin
 * disable}.
 */
@Command(name = "disable", mixinStandardHelpOptions = true,
    description = "Disable a managed plugin (through the daemon).")
final class PluginDisableCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Option(names = {"-f", "--force"}, description = "Force the disable of an active plugin.")
  boolean force;

  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name or ID.")
  String name;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    try (DaemonLink daemon = DaemonLink.of(top)) {
      daemon.client().disable(name, force);
    }
    top.context().out().println(name);
    return 0;
  }
}
