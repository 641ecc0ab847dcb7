package dev.hangar.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A test plugin server that speaks raw bytes: it records every request exactly (request line,
 * headers in order, body bytes) and answers each with the {@link Reply} its {@link Responder}
 * picks, including misbehaviour no real HTTP library would produce. Listens on a unix socket, on
 * a loopback TCP port, or on a loopback TLS port.
 *
 * <p>Keep-alive aware: a connection serves requests until the client closes it, a reply asks to
 * close, or the request carries {@code Connection: close}. Each connection runs on its own daemon
 * thread. Request bodies beyond {@link #recordLimit(int)} bytes are counted and checksummed
 * (CRC-32) but not kept, so bodies larger than the heap can be received.
 *
 * <pre>{@code
 * try (RawPluginServer server = RawPluginServer.unix(dir.resolve("p.sock"),
 *     request -> Reply.json(200, "{\"Implements\":[\"VolumeDriver\"]}"))) {
 *   // ... call unix://<socket> ...
 *   assertThat(server.requests().get(0).requestLine()).isEqualTo("POST /Plugin.Activate HTTP/1.1");
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class RawPluginServer implements AutoCloseable {
  private final Closeable listener;
  private final Path socket;
  private final int port;
  private final String scheme;
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Map<Closeable, Thread> open = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Responder responder;
  private volatile int recordLimit = 1 << 20;
  private volatile boolean closed;
  private volatile boolean replyBeforeBody;

  private RawPluginServer(Closeable listener, Path socket, int port, String scheme,
      Responder responder) {
    this.listener = listener;
    this.socket = socket;
    this.port = port;
    this.scheme = scheme;
    this.responder = responder;
  }

  /**
   * Listens on a unix socket at {@code path} (replacing a stale file there).
   *
   * @throws IOException when the socket cannot be created
   */
  public static RawPluginServer unix(Path path, Responder responder) throws IOException {
    Files.deleteIfExists(path);
    ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    ch.bind(UnixDomainSocketAddress.of(path));
    RawPluginServer s = new RawPluginServer(ch, path, -1, "unix", responder);
    s.start(() -> {
      SocketChannel c = ch.accept();
      return new Conn(c, ChannelStreams.in(c), ChannelStreams.out(c));
    });
    return s;
  }

  /**
   * Listens on a free loopback TCP port, plain HTTP.
   *
   * @throws IOException when the port cannot be opened
   */
  public static RawPluginServer tcp(Responder responder) throws IOException {
    ServerSocket ss = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    return tcp(ss, "tcp", responder);
  }

  /**
   * Listens on a free loopback TCP port with TLS from {@code context} (its server socket
   * settings, such as required client certificates, apply).
   *
   * @throws IOException when the port cannot be opened
   */
  public static RawPluginServer tls(SSLContext context, Responder responder) throws IOException {
    ServerSocket ss = context.getServerSocketFactory()
        .createServerSocket(0, 200, InetAddress.getLoopbackAddress());
    return tcp(ss, "https", responder);
  }

  private static RawPluginServer tcp(ServerSocket ss, String scheme, Responder responder) {
    RawPluginServer s = new RawPluginServer(ss, null, ss.getLocalPort(), scheme, responder);
    s.start(() -> {
      Socket c = ss.accept();
      c.setTcpNoDelay(true);
      return new Conn(c, c.getInputStream(), c.getOutputStream());
    });
    return s;
  }

  /** Replaces the responder for requests from now on. */
  public void responder(Responder r) {
    this.responder = r;
  }

  /**
   * From now on, answers each request as soon as its head arrived, without reading its body,
   * then closes the connection: as a plugin that rejects an upload early. The recorded body is
   * then empty. Returns this server.
   */
  public RawPluginServer replyBeforeBody() {
    this.replyBeforeBody = true;
    return this;
  }

  /** Keeps at most {@code bytes} of each request body (default 1 MiB); returns this server. */
  public RawPluginServer recordLimit(int bytes) {
    this.recordLimit = bytes;
    return this;
  }

  /**
   * The address as a plugin URL: {@code unix:///path}, {@code tcp://127.0.0.1:port} or
   * {@code https://localhost:port}.
   */
  public String url() {
    return switch (scheme) {
      case "unix" -> "unix://" + socket;
      case "https" -> "https://localhost:" + port;
      default -> "tcp://127.0.0.1:" + port;
    };
  }

  /** The unix socket path, when listening on one. */
  public Optional<Path> socket() {
    return Optional.ofNullable(socket);
  }

  /** The TCP port, or -1 on a unix socket. */
  public int port() {
    return port;
  }

  /** Every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /**
   * Waits until request number {@code index} (0 for the first) has arrived.
   *
   * @throws IllegalStateException when it does not arrive within {@code within}
   */
  public RecordedRequest awaitRequest(int index, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    synchronized (requests) {
      while (requests.size() <= index) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("request " + index + " did not arrive within " + within
              + " (" + requests.size() + " received)");
        }
        try {
          requests.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      return requests.get(index);
    }
  }

  /** How many connections were accepted so far. */
  public int connectionCount() {
    return connections.get();
  }

  /** How many connections are open now. */
  public int openConnections() {
    return open.size();
  }

  /** Closes every open connection from the server side (as an idle timeout would). */
  public void dropConnections() {
    for (Closeable c : open.keySet()) {
      closeQuietly(c);
    }
  }

  /**
   * Stops listening, closes every connection, and removes the unix socket file. Returns once
   * every connection's thread has ended (at most a few seconds): a channel closed while its
   * thread is blocked reading stays half open until that read returns, and a plugin process
   * that exits leaves nothing open.
   */
  @Override
  public void close() throws IOException {
    closed = true;
    closeQuietly(listener);
    dropConnections();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    for (Thread t : open.values()) {
      long left = deadline - System.nanoTime();
      if (t != Thread.currentThread() && left > 0) {
        try {
          // join(millis), not join(Duration): that one throws for a thread not started yet
          t.join(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (socket != null) {
      Files.deleteIfExists(socket);
    }
  }

  @FunctionalInterface
  private interface Acceptor {
    Conn accept() throws IOException;
  }

  private record Conn(Closeable handle, InputStream in, OutputStream out) {}

  private void start(Acceptor acceptor) {
    Thread t = new Thread(() -> {
      while (!closed) {
        Conn c;
        try {
          c = acceptor.accept();
        } catch (IOException e) {
          if (closed) {
            return;
          }
          continue;
        }
        int index = connections.getAndIncrement();
        Thread h = new Thread(() -> serve(c, index), "raw-plugin-server-conn-" + index);
        h.setDaemon(true);
        open.put(c.handle(), h);
        h.start();
      }
    }, "raw-plugin-server-accept");
    t.setDaemon(true);
    t.start();
  }

  private void serve(Conn c, int index) {
    RequestParser parser = new RequestParser(c.in());
    try {
      for (int seq = 0; ; seq++) {
        boolean early = replyBeforeBody;
        RecordedRequest r = parser.next(index, seq, recordLimit, !early);
        if (r == null) {
          return;
        }
        synchronized (requests) {
          requests.add(r);
          requests.notifyAll();
        }
        Reply reply = responder.respond(r);
        if (!send(reply, c.out()) || early) {
          return;
        }
        if (r.header("Connection").map(v -> v.equalsIgnoreCase("close")).orElse(false)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away or sent garbage: drop the connection
    } finally {
      closeQuietly(c.handle());
      open.remove(c.handle());
    }
  }

  /** Sends a reply; false when the connection must close afterwards. */
  private static boolean send(Reply reply, OutputStream out) throws IOException {
    switch (reply.kind) {
      case NEVER -> {
        return true;
      }
      case CLOSE -> {
        return false;
      }
      case HUGE -> sendHuge(reply, out);
      case BYTES -> {
        out.write(reply.bytes);
        out.flush();
      }
      default -> throw new IllegalStateException();
    }
    return !reply.closeAfter;
  }

  private static void sendHuge(Reply reply, OutputStream out) throws IOException {
    String head = "HTTP/1.1 " + reply.status + " " + Reply.reason(reply.status) + "\r\n"
        + (reply.hugeChunked ? "Transfer-Encoding: chunked\r\n"
            : "Content-Length: " + reply.hugeLength + "\r\n") + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    byte[] buf = new byte[64 * 1024];
    try (PatternStream p = new PatternStream(reply.hugeLength)) {
      int n;
      while ((n = p.read(buf, 0, buf.length)) > 0) {
        if (reply.hugeChunked) {
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write(buf, 0, n);
        if (reply.hugeChunked) {
          out.write('\r');
          out.write('\n');
        }
      }
    }
    if (reply.hugeChunked) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    out.flush();
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
