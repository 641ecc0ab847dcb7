package dev.hangar.protocol.internal.http;

import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;

/** The HTTP/1.1 client over JDK sockets. Being written; see the client work item. */
public final class HttpPluginClient {
  private HttpPluginClient() {}

  /** Opens a client. */
  public static PluginClient open(String pluginName, PluginAddress address, ClientConfig config) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
