package dev.hangar.daemon.internal.server;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.Wire;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** One listener address of the daemon ({@code -H}): a unix socket or a TCP host and port. */
public sealed interface HostAddress {
  /** dockerd's default port for TCP with TLS. */
  int DEFAULT_TLS_PORT = 2376;

  /** A unix socket at an absolute path. */
  record Unix(Path path) implements HostAddress {}

  /**
   * A TCP endpoint.
   *
   * @param host the interface to bind, {@code ""} for all
   * @param port the port, 0 for any free one
   */
  record Tcp(String host, int port) implements HostAddress {}

  /**
   * Parses {@code unix:///abs/path} or {@code tcp://[host][:port]} (the port defaults to 2376,
   * the host to every interface).
   *
   * @throws HangarException USAGE naming the address and what is wrong with it
   */
  static HostAddress parse(URI uri) {
    String text = uri.toString();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "unix" -> {
        String path = uri.getPath();
        if (uri.getRawAuthority() != null || path == null || !path.startsWith("/")) {
          throw usage(text, "write unix:///absolute/path (three slashes)");
        }
        int bytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Wire.MAX_UNIX_PATH_BYTES) {
          throw usage(text, "the socket path is " + bytes + " bytes, the limit is "
              + Wire.MAX_UNIX_PATH_BYTES);
        }
        return new Unix(Path.of(path).normalize());
      }
      case "tcp" -> {
        return tcp(uri, text);
      }
      default -> throw usage(text, "use unix:///path or tcp://host:port");
    }
  }

  private static Tcp tcp(URI uri, String text) {
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()
        && !uri.getRawPath().equals("/")) || uri.getRawQuery() != null) {
      throw usage(text, "a TCP address has no path or query");
    }
    String host = authority;
    String port = "";
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && authority.indexOf(']', colon) < 0) {
      host = authority.substring(0, colon);
      port = authority.substring(colon + 1);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int p = DEFAULT_TLS_PORT;
    if (!port.isEmpty()) {
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw usage(text, "bad port '" + port + "'");
      }
      if (p < 0 || p > 65535) {
        throw usage(text, "port " + p + " is out of range");
      }
    }
    return new Tcp(host, p);
  }

  private static HangarException usage(String address, String why) {
    return new HangarException(ErrorCode.USAGE, "bad listener address '" + address + "': " + why);
  }
}
