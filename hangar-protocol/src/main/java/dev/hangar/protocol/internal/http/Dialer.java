package dev.hangar.protocol.internal.http;

import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.protocol.internal.ChannelStreams;
import dev.hangar.protocol.internal.tls.TlsContexts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Opens connections to one address. A unix connect succeeds or fails at once; a TCP connect
 * waits at most the dial timeout; a TLS handshake must finish within the same time.
 */
final class Dialer {
  private final PluginAddress address;
  private volatile SSLContext tls;

  Dialer(PluginAddress address) {
    this.address = address;
  }

  /** The TLS context, built on first use so that a bad file fails the call that needs it. */
  private SSLContext tls(TlsSettings settings) {
    SSLContext c = tls;
    if (c == null) {
      c = TlsContexts.client(settings);
      tls = c;
    }
    return c;
  }

  /**
   * Connects.
   *
   * @param timeoutMillis the longest a TCP connect plus TLS handshake may take
   * @throws IOException when no connection could be made (always safe to retry)
   * @throws javax.net.ssl.SSLHandshakeException when TLS negotiation failed (not to be retried)
   */
  Connection dial(int timeoutMillis) throws IOException {
    // instanceof, not a pattern switch: its bootstrap spins a class at run time, milliseconds
    // of a CLI command's start
    if (address instanceof PluginAddress.Tcp t) {
      return tcp(t, timeoutMillis);
    }
    return unix((PluginAddress.Unix) address);
  }

  private static Connection unix(PluginAddress.Unix u) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(u.socket()));
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return new Connection(ch, ChannelStreams.in(ch), ChannelStreams.out(ch));
  }

  private Connection tcp(PluginAddress.Tcp t, int timeoutMillis) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(t.host(), t.port()), Math.max(1, timeoutMillis));
      if (t.tls() == null) {
        return new Connection(s, s.getInputStream(), s.getOutputStream());
      }
      SSLSocket ssl = (SSLSocket) tls(t.tls()).getSocketFactory()
          .createSocket(s, t.host(), t.port(), true);
      s.setSoTimeout(Math.max(1, timeoutMillis));
      ssl.startHandshake();
      s.setSoTimeout(0);
      return new Connection(s, ssl.getInputStream(), ssl.getOutputStream());
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }
}
