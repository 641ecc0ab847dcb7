package dev.hangar.protocol.internal.http;

import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.protocol.internal.tls.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
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
    return switch (address) {
      case PluginAddress.Unix u -> unix(u);
      case PluginAddress.Tcp t -> tcp(t, timeoutMillis);
    };
  }

  private static Connection unix(PluginAddress.Unix u) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(u.socket()));
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return new Connection(ch, new ChannelIn(ch), new ChannelOut(ch));
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

  /** A socket channel's reading side; no extra buffering (HttpInput buffers). */
  private static final class ChannelIn extends InputStream {
    private final SocketChannel ch;

    ChannelIn(SocketChannel ch) {
      this.ch = ch;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n;
      do {
        n = ch.read(ByteBuffer.wrap(b, off, len));
      } while (n == 0);
      return n;
    }
  }

  /** A socket channel's writing side. */
  private static final class ChannelOut extends OutputStream {
    private final SocketChannel ch;

    ChannelOut(SocketChannel ch) {
      this.ch = ch;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(b, off, len);
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
    }
  }
}
