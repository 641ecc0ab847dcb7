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
    description = {"List, inspect, call and validate plugins; create, install, push, "
        + "upgrade, enable, disable, set, remove managed plugins and read their logs (through 'hangar daemon').",
        "The managed plugin commands talk to the daemon at --host, else $HANGAR_HOST, else "
            + "unix://<root>/hangar.sock."},
    subcommands = {PluginLsCommand.class, PluginInspectCommand.class, PluginCallCommand.class,
        PluginValidateCommand.class, PluginCreateCommand.class, PluginEnableCommand.class,
        PluginDisableCommand.class, PluginSetCommand.class, PluginRmCommand.class,
        PluginLogsCommand.class, PluginPrivilegesCommand.class, PluginInstallCommand.class,
        PluginPushCommand.class, PluginUpgradeCommand.class})
final class PluginCommand implements Runnable {
  @ParentCommand HangarCommand top;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a plugin command (ls, "
        + "inspect, call, validate, create, enable, disable, set, rm, logs, privileges, install, "
        + "push, upgrade)");
  }
}
