package dev.hangar.examples.ovs;

import dev.hangar.exec.sdk.ExecPluginException;
import java.util.regex.Pattern;

/**
 * The arguments of {@code bridge-add}: {@code {"name": "br0", "vlan": 10}}; {@code vlan} is
 * optional.
 *
 * @param name the bridge's interface name: 1 to 15 characters (Linux's limit) from {@code
 *             [A-Za-z0-9_.-]}
 * @param vlan the VLAN tag, 1 to 4094, or null for none
 */
public record BridgeAdd(String name, Integer vlan) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

  /** Checks the arguments. */
  public BridgeAdd {
    if (name == null) {
      throw new ExecPluginException("bridge-add: \"name\" is required, e.g. {\"name\": \"br0\"}");
    }
    if (!NAME.matcher(name).matches()) {
      throw new ExecPluginException("bridge-add: \"name\" must be 1 to 15 characters from "
          + "A-Z a-z 0-9 _ . -, not \"" + name + "\"");
    }
    if (vlan != null && (vlan < 1 || vlan > 4094)) {
      throw new ExecPluginException("bridge-add: \"vlan\" must be between 1 and 4094, not "
          + vlan);
    }
  }
}
