package dev.hangar;

import dev.hangar.protocol.Manifest;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.PluginClient;
import java.util.List;

/**
 * A socket plugin known to a {@link PluginHost}: a live view, whose {@link #state()} and
 * {@link #manifest()} follow re-activations. Thread-safe.
 *
 * @since 0.1
 */
public interface SocketPlugin {
  /** The plugin's name. */
  String name();

  /** Where it was found and where it listens. */
  DiscoveredPlugin discovered();

  /** Where it listens. */
  default PluginAddress address() {
    return discovered().address();
  }

  /** Its state now. */
  PluginState state();

  /**
   * The manifest of its latest successful activation ({@code Implements} empty before the
   * first).
   */
  Manifest manifest();

  /** The capabilities of its latest activation, e.g. {@code [VolumeDriver]}. */
  default List<String> implementsList() {
    return manifest().implementsList();
  }

  /** Whether its latest activation declares {@code capability}, compared exactly. */
  default boolean implementsCapability(String capability) {
    return manifest().implementsCapability(capability);
  }

  /**
   * A client of this plugin, owned by the host: closing it does nothing, the host closes the
   * connections when it is closed.
   *
   * <p>Beyond Docker: when a call through it fails at the transport level (the plugin was
   * unreachable, the connection broke, or the call timed out), the plugin is marked
   * {@link PluginState#STALE} and {@code Plugin.Activate} is called again before the next call
   * (through any client of the plugin, or the next {@code get}); a changed manifest is taken as
   * the new truth and handlers run again. If the plugin was dropped after a failed activation,
   * the next call discovers it afresh.
   */
  PluginClient client();
}
