package dev.hangar.protocol.client;

import dev.hangar.protocol.PluginAddress;
import java.io.InputStream;
import java.lang.reflect.Type;

/**
 * A client of one plugin speaking Docker's plugin protocol: {@code POST /<method>} with
 * {@code Accept: application/vnd.docker.plugins.v1.2+json}, JSON bodies, only 200 is success.
 *
 * <p>Thread-safe; connections are pooled and kept alive. Failures to connect are retried on the
 * {@link Backoff} schedule; a request that may have reached the plugin is retried only when the
 * call is marked idempotent. Every failure is a {@link dev.hangar.protocol.HangarException}
 * naming the plugin and the method.
 *
 * @since 0.1
 */
public interface PluginClient extends AutoCloseable {

  /**
   * Creates a client.
   *
   * @param pluginName the plugin's name, used in error messages
   * @param address where it listens
   * @param config limits and retry settings
   * @return a new client; close it to release its connections
   */
  static PluginClient create(String pluginName, PluginAddress address, ClientConfig config) {
    return dev.hangar.protocol.internal.http.HttpPluginClient.open(pluginName, address, config);
  }

  /** The plugin's name. */
  String pluginName();

  /** Where the plugin listens. */
  PluginAddress address();

  /**
   * Calls {@code method}. A null {@code args} sends an empty body; anything else is sent as JSON.
   *
   * @param method the wire method, e.g. {@code VolumeDriver.Create}
   * @param args the request object, or null
   * @param resultType the type to decode the reply into, or {@code Void.class}/{@code void.class}
   *     to ignore the reply body
   * @param options timeout, idempotence and {@code Err} handling
   * @return the decoded reply, or null when ignored
   */
  <T> T call(String method, Object args, Type resultType, CallOptions options);

  /** {@link #call(String, Object, Type, CallOptions)} with a class and default options. */
  default <T> T call(String method, Object args, Class<T> resultType) {
    return call(method, args, resultType, CallOptions.DEFAULT);
  }

  /**
   * Calls {@code method} and returns the raw 200 reply body (at most
   * {@link ClientConfig#maxReplyBytes()}).
   */
  byte[] callRaw(String method, Object args, CallOptions options);

  /**
   * Calls {@code method} and returns the reply body as a stream, unbuffered. The args are always
   * encoded as JSON, so null is sent as {@code null}, as Docker does. Close the stream to release
   * the connection.
   *
   * <p>The call's timeout runs until the reply head arrives; reading the body then has no time
   * limit (a log stream may idle), so close the stream to abort. Reading it to the end returns
   * the connection to the pool; closing it earlier closes the connection. A read failure is an
   * {@link java.io.IOException} from the stream.
   */
  InputStream stream(String method, Object args, CallOptions options);

  /**
   * Calls {@code method} with {@code body} streamed as the request body: with a
   * {@code Content-Length} when {@code length >= 0}, chunked otherwise. Never retried once any
   * byte of the body was read.
   *
   * <p>The timeout limits inactivity while the body is sent (no byte accepted for that long),
   * then the wait for the whole reply after the last body byte. The body is never held in
   * memory; the caller keeps ownership of {@code body} and closes it. Always uses a fresh
   * connection. A reply the plugin sends before it has read the whole body (a rejection) is
   * reported as such.
   */
  <T> T sendFile(String method, InputStream body, long length, Type resultType,
      CallOptions options);

  /**
   * A proxy implementing {@code iface}, an interface annotated with
   * {@link dev.hangar.protocol.PluginInterface} whose methods carry
   * {@link dev.hangar.protocol.WireMethod}.
   *
   * <p>A method without parameters sends an empty body, one with a parameter sends its JSON.
   * The generic return type is decoded; {@code void} ignores the body (the status, and
   * {@code Err} when the interface uses it, are still checked); an {@link InputStream} return
   * type streams the reply as {@link #stream}. {@code errInBody} comes from the interface,
   * {@code idempotent} from each method. Default methods run as written.
   *
   * @throws IllegalArgumentException when {@code iface} is not such an interface, naming the
   *     offending method
   */
  <T> T proxy(Class<T> iface);

  /** Closes pooled connections. Idempotent. Calls after close fail. */
  @Override
  void close();
}
