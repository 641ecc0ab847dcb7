/**
 * The plugin protocol client: HTTP/1.1 written by hand on JDK sockets (unix socket channels, TCP
 * sockets, TLS sockets), chosen for latency over an HTTP library. Not API: use
 * {@link dev.hangar.protocol.client.PluginClient}.
 *
 * <p>Roles: {@link dev.hangar.protocol.internal.http.HttpPluginClient} runs calls and retries;
 * {@code Dialer} connects; {@code ConnectionPool} keeps idle connections; {@code Watchdog} holds
 * deadlines on one shared timer thread; {@code RequestWriter} writes requests as Docker's Go
 * client does; {@code ResponseHead}, {@code BodyInput} and {@code ReplyReader} read replies,
 * with the syntax of {@link dev.hangar.protocol.internal.http.Http1Syntax} (which hangar-core's
 * plain-HTTP {@code hangar get} shares); {@code ErrorMapper} makes every error;
 * {@code PluginProxy} gives typed access.
 */
package dev.hangar.protocol.internal.http;
