package dev.hangar.daemon.client;

import dev.hangar.protocol.internal.ChannelStreams;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One connection to the daemon: a unix socket channel, a TCP socket, or TLS over one.
 *
 * <p>Every operation is bounded by an inactivity timeout ({@link #timeout}): when no byte moved
 * for that long, a shared daemon timer thread closes the connection, which unblocks the read,
 * write, connect or handshake in progress; {@link #timedOut()} then tells the caller why. Used
 * by one thread at a time; {@link #close()} may come from any thread.
 */
final class Connection implements Closeable {
  private static final class Timer {
    static final ScheduledThreadPoolExecutor INSTANCE = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
        Thread th = new Thread(r, "hangar-engine-client-timer");
        th.setDaemon(true);
        return th;
      });
      t.setRemoveOnCancelPolicy(true);
      return t;
    }
  }

  private final Closeable transport;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean timedOut;
  private volatile long timeoutNanos;
  private volatile long lastProgress = System.nanoTime();
  private ScheduledFuture<?> check;
  final Wire in;
  final OutputStream out;

  private Connection(Closeable transport, InputStream in, OutputStream out) {
    this.transport = transport;
    this.in = new Wire(new Counted(in));
    this.out = new CountedOut(out);
  }

  /**
   * Connects to {@code address}, TLS over TCP when {@code tls} is given.
   *
   * @param connectTimeout the limit of the connect and of the TLS handshake
   * @throws IOException when no connection could be made (see {@link #timedOut()} on the
   *     returned-or-not connection: a timeout surfaces as {@link java.net.SocketTimeoutException})
   */
  static Connection dial(DaemonAddress address, SSLContext tls, Duration connectTimeout)
      throws IOException {
    // instanceof, not a pattern switch: its bootstrap spins a class at run time, milliseconds
    // of a CLI command's start
    if (address instanceof DaemonAddress.Tcp t) {
      return tcp(t, tls, connectTimeout);
    }
    return unix((DaemonAddress.Unix) address, connectTimeout);
  }

  private static Connection unix(DaemonAddress.Unix u, Duration connectTimeout)
      throws IOException {
    if (Files.notExists(u.socket())) {
      throw new SocketException("no such socket file: " + u.socket()); // no daemon: fail fast
    }
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    Connection c = new Connection(ch, ChannelStreams.in(ch), ChannelStreams.out(ch));
    c.timeout(connectTimeout);
    try {
      ch.connect(UnixDomainSocketAddress.of(u.socket()));
    } catch (IOException e) {
      c.close();
      throw c.timedOut ? new SocketTimeoutException("connect timed out") : e;
    } catch (InvalidPathException e) {
      c.close();
      throw new SocketException("unusable socket path: " + e.getMessage());
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private static Connection tcp(DaemonAddress.Tcp t, SSLContext tls, Duration connectTimeout)
      throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(t.host(), t.port()),
          (int) Math.max(1, connectTimeout.toMillis()));
      if (tls == null) {
        return new Connection(s, s.getInputStream(), s.getOutputStream());
      }
      SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, t.host(), t.port(), true);
      Connection c = new Connection(s, ssl.getInputStream(), ssl.getOutputStream());
      c.timeout(connectTimeout);
      try {
        ssl.startHandshake();
      } catch (IOException e) {
        c.close();
        throw c.timedOut ? new SocketTimeoutException("TLS handshake timed out") : e;
      }
      return c;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * Sets the inactivity limit from now on; {@link Duration#ZERO} for none (a followed stream).
   */
  synchronized void timeout(Duration d) {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
    timeoutNanos = d.toNanos();
    lastProgress = System.nanoTime();
    if (timeoutNanos > 0 && !closed.get()) {
      check = Timer.INSTANCE.schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  private synchronized void check() {
    long limit = timeoutNanos;
    if (limit <= 0 || closed.get()) {
      return;
    }
    long due = lastProgress + limit - System.nanoTime();
    if (due > 0) {
      check = Timer.INSTANCE.schedule(this::check, due, TimeUnit.NANOSECONDS);
      return;
    }
    timedOut = true;
    close();
  }

  /** Whether the inactivity limit closed the connection. */
  boolean timedOut() {
    return timedOut;
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Closes the connection; safe from any thread, repeatable. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      synchronized (this) {
        if (check != null) {
          check.cancel(false);
        }
      }
      try {
        transport.close();
      } catch (IOException e) {
        // gone either way
      }
    }
  }

  /** Counts progress of the reading side. */
  private final class Counted extends InputStream {
    private final InputStream in;

    Counted(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      lastProgress = System.nanoTime();
      return n;
    }
  }

  /** Counts progress of the writing side. */
  private final class CountedOut extends OutputStream {
    private final OutputStream out;

    CountedOut(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      lastProgress = System.nanoTime();
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
