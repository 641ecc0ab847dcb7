package dev.hangar.cli;

import dev.hangar.PluginHost;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hangar plugin inspect NAME}: one plugin as a JSON object. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show one plugin as a JSON object, with the file it was found through.")
final class PluginInspectCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name.")
  String name;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    try (PluginHost host = HostFactory.open(top)) {
      PluginJson.write(top.context().out(), PluginJson.object(host.inspect(name)));
    }
    return 0;
  }
}
