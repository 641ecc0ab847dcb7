package dev.hangar.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hangar plugin}: the plugin commands. */
@Command(
    name = "plugin",
    mixinStandardHelpOptions = true,
    description = "List, inspect, call and validate plugins.",
    subcommands = {PluginLsCommand.class, PluginInspectCommand.class, PluginCallCommand.class,
        PluginValidateCommand.class})
final class PluginCommand implements Runnable {
  @ParentCommand HangarCommand top;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing a plugin command (ls, inspect, call, validate)");
  }
}
