package dev.hangar.daemon.internal.api;

/** The daemon's endpoints: Docker's Engine API routes for plugins, and Hangar's own. */
enum Route {
  /** {@code OPTIONS} on any path: 200, empty (dockerd's CORS pre-flight answer). */
  OPTIONS,
  /** {@code GET|HEAD /_ping}. */
  PING,
  /** {@code GET /version}. */
  VERSION,
  /** {@code GET /info}. */
  INFO,
  /** {@code GET /events}. */
  EVENTS,
  /** {@code GET /plugins}. */
  PLUGIN_LIST,
  /** {@code GET /plugins/{name}/json}. */
  PLUGIN_INSPECT,
  /** {@code GET /plugins/privileges}. */
  PLUGIN_PRIVILEGES,
  /** {@code DELETE /plugins/{name}}. */
  PLUGIN_REMOVE,
  /** {@code POST /plugins/{name}/enable}. */
  PLUGIN_ENABLE,
  /** {@code POST /plugins/{name}/disable}. */
  PLUGIN_DISABLE,
  /** {@code POST /plugins/pull}. */
  PLUGIN_PULL,
  /** {@code POST /plugins/{name}/push}. */
  PLUGIN_PUSH,
  /** {@code POST /plugins/{name}/upgrade}. */
  PLUGIN_UPGRADE,
  /** {@code POST /plugins/{name}/set}. */
  PLUGIN_SET,
  /** {@code POST /plugins/create}. */
  PLUGIN_CREATE,
  /** {@code GET /metrics}: Prometheus' text format (Hangar's; dockerd serves it elsewhere). */
  HANGAR_METRICS,
  /** {@code GET /hangar/v1/plugins}. */
  HANGAR_LIST,
  /** {@code GET /hangar/v1/plugins/{name}/privileges}. */
  HANGAR_PRIVILEGES,
  /** {@code GET /hangar/v1/plugins/{name}/logs}. */
  HANGAR_LOGS,
  /** {@code POST /hangar/v1/plugins/{name}/call/{Method}}. */
  HANGAR_CALL,
  /** {@code GET /hangar/v1/remote?remote=}: a remote plugin image's digest and privileges. */
  HANGAR_REMOTE;

  /** Whether the route is Docker's, so served under a {@code /vX.Y} prefix too. */
  boolean docker() {
    return !name().startsWith("HANGAR_");
  }
}
