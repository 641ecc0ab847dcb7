package dev.hangar.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.Privilege;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin privileges NAME}: what a managed plugin asks for, in Docker's order and
 * words ({@code docker plugin install}'s prompt): {@code Plugin "NAME" is requesting the
 * following privileges:}, then {@code  - network: [host]} per privilege (nothing at all when it
 * asks for none). {@code --format json} prints Docker's Privilege objects instead.
 */
@Command(name = "privileges", mixinStandardHelpOptions = true,
    description = "Show the privileges a managed plugin asks for (through the daemon).")
final class PluginPrivilegesCommand implements Callable<Integer> {
  enum Format { text, json }

  @ParentCommand PluginCommand parent;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json (default text).")
  Format format;

  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name or ID.")
  String name;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    List<Privilege> privileges;
    try (DaemonLink daemon = DaemonLink.of(top)) {
      privileges = daemon.client().privileges(name);
    }
    PrintStream out = top.context().out();
    if (format == Format.json) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      for (Privilege p : privileges) {
        ObjectNode o = a.addObject();
        o.put("Name", p.name());
        o.put("Description", p.description());
        ArrayNode value = o.putArray("Value");
        p.value().forEach(value::add);
      }
      PluginJson.write(out, a);
      return 0;
    }
    if (!privileges.isEmpty()) {
      out.println("Plugin \"" + name + "\" is requesting the following privileges:");
      for (Privilege p : privileges) {
        out.println(" - " + p.name() + ": [" + String.join(" ", p.value()) + "]");
      }
    }
    return 0;
  }
}
