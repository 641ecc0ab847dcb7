/**
 * {@code hangar daemon}: a plugin host that serves Docker's Engine API for plugins and Hangar's
 * own endpoints on a unix socket (or TCP with TLS), and the client of that API. Built on the
 * host library, the managed plugins, the metrics and Jetty; its API names their types. The
 * {@code internal} packages (the endpoints and the server) are exported to no one.
 */
module dev.hangar.daemon {
  requires transitive dev.hangar;
  requires transitive dev.hangar.metrics;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.unixdomain.server;
  requires jdk.management; // com.sun.management: the host's total memory, in GET /info

  exports dev.hangar.daemon;
  exports dev.hangar.daemon.client;
}
