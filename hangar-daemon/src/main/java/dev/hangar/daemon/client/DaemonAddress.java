package dev.hangar.daemon.client;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Hangar daemon listens, as the CLI's {@code --host} spells it: {@code unix:///path} or
 * {@code tcp://host:port}.
 *
 * <p>{@link #explicit()} says whether the address was asked for ({@code --host},
 * {@code $HANGAR_HOST}) or is the root's default: the CLI treats an unreachable default address
 * as "no daemon", and an unreachable explicit one as an error.
 *
 * @since 0.2
 */
public sealed interface DaemonAddress {
  /** The environment variable naming the daemon's address. */
  String ENV = "HANGAR_HOST";

  /** Docker's port for TCP without TLS, used when a {@code tcp://} address has none. */
  int DEFAULT_PORT = 2375;

  /** Docker's port for TCP with TLS, used when a {@code tcp://} address has none. */
  int DEFAULT_TLS_PORT = 2376;

  /** The address as a URI: {@code unix:///abs/path} or {@code tcp://host:port}. */
  URI uri();

  /** Whether the address was given ({@code --host}, {@code $HANGAR_HOST}), not the default. */
  boolean explicit();

  /**
   * A unix socket.
   *
   * @param socket the socket file, absolute
   * @param explicit whether it was given
   */
  record Unix(Path socket, boolean explicit) implements DaemonAddress {
    public Unix {
      socket = Objects.requireNonNull(socket, "socket").toAbsolutePath().normalize();
    }

    @Override
    public URI uri() {
      return URI.create("unix://" + socket);
    }

    @Override
    public String toString() {
      return "unix://" + socket;
    }
  }

  /**
   * A TCP address (TLS or not is the client's setting, as in Docker).
   *
   * @param host the host name or IP literal (IPv6 without brackets)
   * @param port the port
   * @param explicit whether it was given
   */
  record Tcp(String host, int port, boolean explicit) implements DaemonAddress {
    public Tcp {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }

    @Override
    public URI uri() {
      return URI.create(toString());
    }

    @Override
    public String toString() {
      return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * The address the CLI talks to: {@code hostOption} ({@code --host}), else
   * {@code $HANGAR_HOST}, else {@code unix://<root>/hangar.sock}. Blank values count as unset.
   *
   * @param hostOption the {@code --host} value, if given
   * @param env the environment
   * @param root Hangar's root, as {@code dev.hangar.HangarRoot} resolves it
   * @param tls whether the client uses TLS (picks the default TCP port)
   * @throws HangarException USAGE for an address that is not {@code unix://} or {@code tcp://}
   */
  static DaemonAddress resolve(Optional<String> hostOption, Map<String, String> env, Path root,
      boolean tls) {
    Objects.requireNonNull(root, "root");
    Optional<String> given = hostOption.filter(h -> !h.isBlank())
        .or(() -> Optional.ofNullable(env.get(ENV)).filter(h -> !h.isBlank()));
    if (given.isPresent()) {
      return parse(given.get(), true, tls);
    }
    return new Unix(root.resolve("hangar.sock"), false);
  }

  /** {@link #resolve(Optional, Map, Path, boolean)} without TLS. */
  static DaemonAddress resolve(Optional<String> hostOption, Map<String, String> env, Path root) {
    return resolve(hostOption, env, root, false);
  }

  /**
   * Parses {@code unix:///abs/path} or {@code tcp://host[:port]} (the port defaults to 2375, or
   * 2376 with TLS, as Docker's).
   *
   * @param text the address
   * @param explicit whether it was given (see {@link #explicit()})
   * @param tls whether TLS is used (only picks the default port)
   * @throws HangarException USAGE naming the address when it is malformed
   */
  static DaemonAddress parse(String text, boolean explicit, boolean tls) {
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("unix://")) {
      String path = t.substring("unix://".length());
      if (path.isEmpty() || path.charAt(0) != '/') {
        throw bad(text, "a unix socket needs an absolute path: unix:///path/to/hangar.sock");
      }
      return new Unix(Path.of(path), explicit);
    }
    if (lower.startsWith("tcp://")) {
      return tcp(text, t.substring("tcp://".length()), explicit, tls);
    }
    throw bad(text, "expected unix:///path or tcp://host:port");
  }

  private static Tcp tcp(String text, String rest, boolean explicit, boolean tls) {
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String host;
    String port = "";
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw bad(text, "unclosed [ in the host");
      }
      host = rest.substring(1, close);
      String after = rest.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw bad(text, "expected :port after ]");
      }
      port = after.isEmpty() ? "" : after.substring(1);
    } else {
      int colon = rest.lastIndexOf(':');
      host = colon < 0 ? rest : rest.substring(0, colon);
      port = colon < 0 ? "" : rest.substring(colon + 1);
    }
    if (host.isEmpty() || host.contains("/") || host.contains(":") && !rest.startsWith("[")) {
      throw bad(text, "expected tcp://host:port");
    }
    if (port.isEmpty()) {
      return new Tcp(host, tls ? DEFAULT_TLS_PORT : DEFAULT_PORT, explicit);
    }
    try {
      int p = Integer.parseInt(port);
      if (p >= 1 && p <= 65535) {
        return new Tcp(host, p, explicit);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(text, "the port must be a number from 1 to 65535");
  }

  private static HangarException bad(String text, String why) {
    return new HangarException(ErrorCode.USAGE, "invalid daemon address \"" + text + "\": " + why);
  }
}
