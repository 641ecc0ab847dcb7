package dev.hangar.daemon.internal.api;

import dev.hangar.metrics.HangarMetrics;
import java.io.IOException;

/** Every endpoint, by route. */
record Endpoints(SystemEndpoints system, PluginEndpoints plugins, EventsEndpoint events,
    HangarEndpoints hangar, LogsEndpoint logs, CallEndpoint call, DistEndpoints dist,
    HangarMetrics metrics) {

  /** Without the registry routes (tests of the others). */
  Endpoints(SystemEndpoints system, PluginEndpoints plugins, EventsEndpoint events,
      HangarEndpoints hangar, LogsEndpoint logs, CallEndpoint call) {
    this(system, plugins, events, hangar, logs, call, null, HangarMetrics.create());
  }

  /** Answers {@code ex} on its route. */
  void serve(Exchange ex) throws IOException, InterruptedException {
    switch (ex.match().route()) {
      case OPTIONS -> ex.empty(200);
      case PING -> system.ping(ex);
      case VERSION -> system.version(ex);
      case INFO -> system.info(ex);
      case EVENTS -> events.serve(ex);
      case PLUGIN_LIST -> plugins.list(ex);
      case PLUGIN_INSPECT -> plugins.inspect(ex);
      case PLUGIN_CREATE -> plugins.create(ex);
      case PLUGIN_ENABLE -> plugins.enable(ex);
      case PLUGIN_DISABLE -> plugins.disable(ex);
      case PLUGIN_SET -> plugins.set(ex);
      case PLUGIN_REMOVE -> plugins.remove(ex);
      case PLUGIN_PRIVILEGES -> dist.privileges(ex);
      case PLUGIN_PULL -> dist.pull(ex);
      case PLUGIN_PUSH -> dist.push(ex);
      case PLUGIN_UPGRADE -> dist.upgrade(ex);
      case HANGAR_LIST -> hangar.list(ex);
      case HANGAR_PRIVILEGES -> hangar.privileges(ex);
      case HANGAR_LOGS -> logs.serve(ex);
      case HANGAR_CALL -> call.serve(ex);
      case HANGAR_REMOTE -> dist.remote(ex);
      case HANGAR_METRICS -> ex.bytes(200, HangarMetrics.CONTENT_TYPE,
          metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
