package dev.hangar.cli;

import dev.hangar.HangarRoot;
import dev.hangar.daemon.client.DaemonAddress;
import dev.hangar.daemon.client.EngineClient;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.TlsSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CLI's way to the daemon, from the global options: {@code --host} (once), else
 * {@code $HANGAR_HOST}, else {@code unix://<root>/hangar.sock}; TLS from {@code --tlsverify} and
 * its files. The client is opened on first use.
 *
 * <p>Commands that only add managed plugins to what they show ({@code ls}, {@code inspect},
 * {@code call}) use {@link #ifReachable}: at the default address, no daemon means no managed
 * plugins; at an address the user gave, it is an error.
 */
final class DaemonLink implements AutoCloseable {
  private final DaemonAddress address;
  private final Optional<TlsSettings> tls;
  private final Duration readTimeout;
  private EngineClient client;

  private DaemonLink(DaemonAddress address, Optional<TlsSettings> tls, Duration readTimeout) {
    this.address = address;
    this.tls = tls;
    this.readTimeout = readTimeout;
  }

  /** The link the global options describe, with the client's default read timeout. */
  static DaemonLink of(HangarCommand top) {
    return of(top, EngineClient.READ_TIMEOUT);
  }

  /**
   * The link the global options describe.
   *
   * @throws HangarException USAGE for several {@code --host}, a malformed address, or TLS files
   *     without {@code --tlsverify}
   */
  static DaemonLink of(HangarCommand top, Duration readTimeout) {
    if (top.hosts.size() > 1) {
      throw new HangarException(ErrorCode.USAGE, "Specify only one -H (--host)");
    }
    Optional<TlsSettings> tls = clientTls(top);
    DaemonAddress a = DaemonAddress.resolve(top.hosts.stream().findFirst(), top.context().env(),
        HangarRoot.resolve(Optional.ofNullable(top.root), top.context().env()), tls.isPresent());
    return new DaemonLink(a, tls, readTimeout);
  }

  /** The client's TLS: with {@code --tlsverify}, its CA (else the system's) and certificate. */
  static Optional<TlsSettings> clientTls(HangarCommand top) {
    checkTlsFlags(top);
    if (!top.tlsVerify) {
      return Optional.empty();
    }
    return Optional.of(new TlsSettings(top.tlsCaCert, top.tlsCert, top.tlsKey, false));
  }

  /** TLS files need {@code --tlsverify}; a certificate needs its key and the other way round. */
  static void checkTlsFlags(HangarCommand top) {
    if (!top.tlsVerify && (top.tlsCaCert != null || top.tlsCert != null || top.tlsKey != null)) {
      throw new HangarException(ErrorCode.USAGE,
          "--tlscacert, --tlscert and --tlskey are used only with --tlsverify");
    }
    if ((top.tlsCert == null) != (top.tlsKey == null)) {
      throw new HangarException(ErrorCode.USAGE, "--tlscert and --tlskey go together");
    }
  }

  DaemonAddress address() {
    return address;
  }

  /** The client (opened on first use). */
  synchronized EngineClient client() {
    if (client == null) {
      client = EngineClient.open(address, tls, readTimeout);
    }
    return client;
  }

  /**
   * Runs {@code f} against the daemon. At the default address, a daemon that does not answer
   * (DAEMON_UNREACHABLE) gives empty; at an explicit address, it is thrown.
   */
  <T> Optional<T> ifReachable(Function<EngineClient, T> f) {
    try {
      return Optional.of(f.apply(client()));
    } catch (HangarException e) {
      if (e.code() == ErrorCode.DAEMON_UNREACHABLE && !address.explicit()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
