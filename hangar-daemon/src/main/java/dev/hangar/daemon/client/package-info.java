/**
 * The client side of {@code hangar daemon}: {@link dev.hangar.daemon.client.EngineClient} talks
 * to the daemon (Docker's Engine API for plugins plus Hangar's {@code /hangar/v1/} routes) at a
 * {@link dev.hangar.daemon.client.DaemonAddress}, over HTTP/1.1 written by hand on JDK sockets.
 *
 * <p>Roles: {@code Transport} sends requests and keeps one idle connection; {@code Connection}
 * dials (unix, TCP, TLS) and bounds every operation with an inactivity timeout;
 * {@code ReplyBody} frames replies; {@code Calls} reads them in the form a method wants;
 * {@code EngineErrors} makes every error.
 *
 * @since 0.2
 */
package dev.hangar.daemon.client;
