package dev.hangar.internal.host;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.client.PluginClient;

/**
 * The client of one activation of a plugin, handed out for one call. A transport failure of that
 * call marks that activation stale.
 */
record Lease(PluginEntry entry, int generation, PluginClient client) {

  /** Marks the plugin for re-activation when {@code e} is a transport failure. */
  void failed(HangarException e) {
    if (isTransportFailure(e.code())) {
      entry.markStale(generation);
    }
  }

  static boolean isTransportFailure(ErrorCode code) {
    return code == ErrorCode.PLUGIN_UNREACHABLE || code == ErrorCode.CONNECTION_LOST
        || code == ErrorCode.PLUGIN_TIMEOUT;
  }
}
