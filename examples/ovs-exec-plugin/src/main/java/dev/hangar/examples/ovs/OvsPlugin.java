package dev.hangar.examples.ovs;

import dev.hangar.exec.sdk.ExecPlugin;
import dev.hangar.exec.sdk.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * An exec plugin in the shape of core0's {@code ovs} example, written with Hangar's exec SDK.
 *
 * <ul>
 *   <li>{@code version}: {@code "1.0alpha"}, as core0's README example;
 *   <li>{@code bridge-add {"name": "br0", "vlan": 10}}: checks the arguments and returns the
 *       bridge with the {@code ovs-vsctl} command that would create it. It is a dry run: the
 *       example never touches the machine's network.
 * </ul>
 */
public final class OvsPlugin {
  /** What {@code version} returns. */
  static final String VERSION = "1.0alpha";

  private OvsPlugin() {}

  /** The plugin: its methods and their handlers. */
  static ExecPlugin plugin() {
    return ExecPlugin.builder()
        .name("ovs-exec-plugin")
        .method("version", call -> VERSION)
        .method("bridge-add", BridgeAdd.class, OvsPlugin::bridgeAdd)
        .build();
  }

  /**
   * Runs one call: {@code ovs-exec-plugin METHOD [JSON]}.
   *
   * @param args the method and its JSON arguments
   */
  public static void main(String[] args) {
    plugin().main(args);
  }

  static Bridge bridgeAdd(BridgeAdd args, Log log) {
    if (args == null) {
      throw new IllegalArgumentException("bridge-add needs arguments, e.g. {\"name\": \"br0\"}");
    }
    List<String> command = new ArrayList<>(List.of("ovs-vsctl", "add-br", args.name()));
    if (args.vlan() != null) {
      command.addAll(List.of("--", "set", "port", args.name(), "tag=" + args.vlan()));
    }
    log.debug("dry run: " + String.join(" ", command));
    return new Bridge(args.name(), args.vlan(), List.copyOf(command));
  }
}
