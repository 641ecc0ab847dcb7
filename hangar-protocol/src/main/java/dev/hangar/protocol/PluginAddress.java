package dev.hangar.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a plugin listens: a unix socket, or a TCP host and port spoken to in plain HTTP or TLS.
 *
 * @since 0.1
 */
public sealed interface PluginAddress {

  /** The address as a URL: {@code unix:///abs/path}, {@code tcp://h:p} or {@code https://h:p}. */
  String url();

  /**
   * A unix socket.
   *
   * @param socket the absolute socket path
   */
  record Unix(Path socket) implements PluginAddress {
    /** Checks that the path is absolute and fits {@code sockaddr_un}. */
    public Unix {
      if (!socket.isAbsolute()) {
        throw new IllegalArgumentException("unix socket path must be absolute: " + socket);
      }
      int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > Wire.MAX_UNIX_PATH_BYTES) {
        throw new IllegalArgumentException("unix socket path is too long (" + bytes
            + " bytes, the limit is " + Wire.MAX_UNIX_PATH_BYTES + "): " + socket);
      }
    }

    @Override
    public String url() {
      return "unix://" + socket;
    }
  }

  /**
   * A TCP endpoint. {@code tcp://} and {@code http://} are plain HTTP; {@code https://} is TLS.
   *
   * @param host the host name or address
   * @param port the port
   * @param tls TLS settings, or null for plain HTTP
   */
  record Tcp(String host, int port, TlsSettings tls) implements PluginAddress {
    /** Checks host and port. */
    public Tcp {
      if (host == null || host.isEmpty()) {
        throw new IllegalArgumentException("missing host");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }

    /** The TLS settings, when the endpoint speaks TLS. */
    public Optional<TlsSettings> tlsSettings() {
      return Optional.ofNullable(tls);
    }

    @Override
    public String url() {
      String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      return (tls == null ? "tcp://" : "https://") + h + ":" + port;
    }
  }

  /**
   * Parses a spec URL: {@code unix:///abs/path}, {@code tcp://host:port}, {@code http://host:port}
   * or {@code https://host:port}. Paths on TCP URLs are ignored, as Docker does.
   *
   * @param url the URL, whitespace around it ignored
   * @param tls the TLS settings for {@code https} (or from a {@code .json} spec), or null for the
   *     defaults: {@code https} then verifies against the system trust store
   * @return the address
   * @throws IllegalArgumentException naming the problem: empty, unknown scheme, a two-slash
   *     {@code unix://relative} URL, a missing or bad port, a socket path too long
   */
  static PluginAddress parse(String url, TlsSettings tls) {
    String text = url.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: '" + text + "' (" + e.getReason() + ")", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "unix" -> {
        if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
          throw new IllegalArgumentException("'" + text + "' has two slashes after 'unix:', so '"
              + uri.getRawAuthority() + "' would be taken as the socket path; write "
              + "unix:///absolute/path");
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
          throw new IllegalArgumentException("'" + text + "' has no socket path");
        }
        return new Unix(Path.of(path));
      }
      case "tcp", "http", "https" -> {
        String host = uri.getHost();
        if (host == null) {
          throw new IllegalArgumentException("'" + text + "' has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
          host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort();
        if (port == -1) {
          if (scheme.equals("tcp")) {
            throw new IllegalArgumentException("'" + text + "' has no port");
          }
          port = scheme.equals("https") ? 443 : 80;
        }
        // As Docker: TLS only for https; a TLSConfig beside a tcp:// or http:// Addr is not used.
        TlsSettings t = scheme.equals("https") ? (tls == null ? TlsSettings.SYSTEM : tls) : null;
        return new Tcp(host, port, t);
      }
      case "" -> throw new IllegalArgumentException("'" + text
          + "' has no scheme (Unknown protocol)");
      default -> throw new IllegalArgumentException("unknown scheme '" + scheme + "' in '" + text
          + "' (use unix, tcp, http or https)");
    }
  }
}
