/**
 * Hangar's plugin SDK: the server side of a socket plugin written in Java, which Docker's daemon
 * and Hangar can both drive. Built on {@code dev.hangar.protocol} (whose interfaces and records a
 * plugin implements) and Jetty.
 *
 * <p>On the module path, run with
 * {@code --add-exports org.eclipse.jetty.server/org.eclipse.jetty.server.internal=dev.hangar.sdk}:
 * the server accepts the blank {@code Host} header of older Docker builds through a hook of
 * Jetty's {@code HttpConnection}, which Jetty does not export. Without the flag the server
 * works all the same, except that it answers such requests 400, and says so once in its log at
 * start. On the class path nothing is needed.
 */
module dev.hangar.sdk {
  requires transitive dev.hangar.protocol;
  requires transitive com.fasterxml.jackson.databind;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.unixdomain.server;

  exports dev.hangar.sdk;
}
