package dev.hangar.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin set NAME KEY=VALUE...}: changes a disabled managed plugin's settings
 * through the daemon ({@code POST /plugins/{name}/set}); prints nothing, as {@code docker plugin
 * set}.
 */
@Command(name = "set", mixinStandardHelpOptions = true,
    description = "Change settings of a managed plugin (through the daemon): env values, "
        + "args, mount sources, device paths.")
final class PluginSetCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name or ID.")
  String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE",
      description = "<name>[.<field>][=<value>], e.g. DEBUG=1, mymount.source=/x, args=\"a b\".")
  List<String> settings;

  @Override
  public Integer call() {
    try (DaemonLink daemon = DaemonLink.of(parent.top)) {
      daemon.client().set(name, settings);
    }
    return 0;
  }
}
