package dev.hangar.internal.resource;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One plain TCP connection for {@link PlainHttpGet}: a non-blocking {@link SocketChannel} waited on
 * with a {@link Selector}, so that connecting and every read have a time limit (a blocking
 * channel ignores {@code SO_TIMEOUT}). Reads go straight into the caller's buffer, so a direct
 * buffer receives the bytes without a copy through the heap. Not thread-safe.
 */
final class SocketConnection implements Closeable {
  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private final Duration idle;
  private final String peer;

  private SocketConnection(SocketChannel channel, Selector selector, Duration idle, String peer)
      throws IOException {
    this.channel = channel;
    this.selector = selector;
    this.key = channel.register(selector, 0);
    this.idle = idle;
    this.peer = peer;
  }

  /**
   * Connects to {@code host:port}, trying each of the host's addresses in turn.
   *
   * @param connectTimeout for all attempts together
   * @param idle the longest wait for any read or write afterwards
   * @throws java.net.UnknownHostException when the name does not resolve
   * @throws ConnectException when every address refused
   * @throws HttpConnectTimeoutException when {@code connectTimeout} passed first
   */
  static SocketConnection open(String host, int port, Duration connectTimeout, Duration idle)
      throws IOException {
    InetAddress[] addresses = InetAddress.getAllByName(host);
    long deadline = System.nanoTime() + connectTimeout.toNanos();
    IOException last = null;
    for (InetAddress a : addresses) {
      SocketChannel ch = SocketChannel.open();
      Selector sel = null;
      try {
        ch.configureBlocking(false);
        ch.socket().setTcpNoDelay(true);
        sel = Selector.open();
        ch.register(sel, SelectionKey.OP_CONNECT);
        if (!ch.connect(new InetSocketAddress(a, port))) {
          while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              throw new HttpConnectTimeoutException("connect to " + host + ":" + port
                  + " timed out after " + connectTimeout.toSeconds() + " s");
            }
            sel.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            sel.selectedKeys().clear();
            checkInterrupt(host);
            if (ch.finishConnect()) {
              break;
            }
          }
        }
        ch.keyFor(sel).cancel();
        sel.selectNow();
        SocketConnection c = new SocketConnection(ch, sel, idle, host + ":" + port);
        sel = null;
        ch = null;
        return c;
      } catch (ConnectException e) {
        last = e;
      } finally {
        if (sel != null) {
          sel.close();
        }
        if (ch != null) {
          ch.close();
        }
      }
    }
    throw last != null ? last : new ConnectException("no address for " + host);
  }

  /**
   * Reads what has arrived into {@code dst}, waiting up to the idle limit for the first byte.
   *
   * @return the bytes read, or -1 at the end of the stream (0 only when {@code dst} is full)
   * @throws SocketTimeoutException when nothing arrived in time
   */
  int read(ByteBuffer dst) throws IOException {
    while (true) {
      int n = channel.read(dst);
      if (n != 0 || !dst.hasRemaining()) {
        return n;
      }
      await(SelectionKey.OP_READ, "no data from " + peer);
    }
  }

  /** Writes all of {@code src}. */
  void writeFully(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      if (channel.write(src) == 0) {
        await(SelectionKey.OP_WRITE, peer + " does not take the request");
      }
    }
  }

  private void await(int op, String what) throws IOException {
    key.interestOps(op);
    long deadline = System.nanoTime() + idle.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException(what + " for " + idle.toSeconds() + " s");
        }
        int ready = selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        selector.selectedKeys().clear();
        checkInterrupt(peer);
        if (ready > 0) {
          return;
        }
      }
    } finally {
      key.interestOps(0);
    }
  }

  private static void checkInterrupt(String peer) throws InterruptedIOException {
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while talking to " + peer);
    }
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      selector.close();
    }
  }
}
