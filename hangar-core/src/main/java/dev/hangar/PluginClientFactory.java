package dev.hangar;

import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;

/**
 * Makes the clients a {@link PluginHost} talks to plugins through. The default is
 * {@link PluginClient#create}; tests may record or wrap clients.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PluginClientFactory {
  /** {@link PluginClient#create}. */
  PluginClientFactory DEFAULT = PluginClient::create;

  /**
   * Creates a client.
   *
   * @param pluginName the plugin's name
   * @param address where it listens
   * @param config timeouts and retry settings
   * @return a new client, closed by the host
   */
  PluginClient create(String pluginName, PluginAddress address, ClientConfig config);
}
