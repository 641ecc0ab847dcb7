package dev.hangar.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code hangar plugin push NAME}: pushes a managed plugin to the repository its name names,
 * through the daemon ({@code POST /plugins/{name}/push}), showing its progress as
 * {@code docker plugin push} does; the last line gives the tag, digest and size pushed.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = "Push a managed plugin to a registry (through the daemon), as docker plugin "
        + "push: NAME names the repository and tag, e.g. 127.0.0.1:5000/team/vol:1.0.")
final class PluginPushCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name or ID.")
  String name;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    PrintStream out = top.context().out();
    ProgressLines progress = new ProgressLines(out, Terminals.output(top.context()));
    try (DaemonLink daemon = DaemonLink.of(top)) {
      // The registry is the plugin's name's: ask the daemon for the stored name first.
      String stored = daemon.client().inspect(name).path("Name").asText(name);
      daemon.client().push(name, RegistryAuths.forReference(top.context(), stored),
          progress::accept);
    }
    return 0;
  }
}
