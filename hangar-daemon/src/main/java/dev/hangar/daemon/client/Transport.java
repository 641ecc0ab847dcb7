package dev.hangar.daemon.client;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.http.ResponseHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Sends requests and reads reply heads, as Docker's Go client does: {@code Host:
 * api.moby.localhost} on unix sockets ({@code host:port} on TCP), a {@code User-Agent},
 * {@code Content-Length} (or chunked encoding for a streamed body), then {@code Content-Type}.
 * Keeps one idle connection for the next request; a request that finds that connection closed
 * by the daemon (nothing received) is sent once more on a new one, unless its body was streamed.
 *
 * <p>Thread-safe. {@link #close()} closes every connection, which ends a stream being read.
 */
final class Transport implements AutoCloseable {
  static final String UNIX_HOST = "api.moby.localhost";
  static final String USER_AGENT = "Hangar-Client";

  private final DaemonAddress address;
  private final SSLContext tls;
  private final Duration connectTimeout;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final byte[] hostAndAgent;
  private Connection idle;
  private volatile boolean closed;

  Transport(DaemonAddress address, SSLContext tls, Duration connectTimeout) {
    this.address = address;
    this.tls = tls;
    this.connectTimeout = connectTimeout;
    // instanceof, not a pattern switch: its bootstrap spins a class at run time, milliseconds
    // of a CLI command's start
    String host = address instanceof DaemonAddress.Tcp t
        ? (t.host().contains(":") ? "[" + t.host() + "]" : t.host()) + ":" + t.port()
        : UNIX_HOST;
    hostAndAgent = ("Host: " + host + "\r\nUser-Agent: " + USER_AGENT + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  DaemonAddress address() {
    return address;
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed;
  }

  /**
   * Sends {@code r} and reads the reply head. The caller reads (or closes) the body.
   *
   * @throws HangarException DAEMON_UNREACHABLE (no connection, or no answer in time),
   *     CONNECTION_LOST, PROTOCOL_ERROR, TLS_INVALID, IO_ERROR (a streamed body's source failed)
   */
  Reply execute(Request r) {
    for (int attempt = 0; ; attempt++) {
      Connection c = attempt == 0 && r.replayable() ? takeIdle() : null;
      boolean reused = c != null;
      if (c == null) {
        c = dial();
      }
      open.add(c);
      ChunkedBody chunked = null;
      try {
        c.timeout(r.timeout());
        c.in.resetReceived();
        writeHead(c, r);
        if (r.stream() != null) {
          chunked = new ChunkedBody(c.out);
          r.stream().writeTo(chunked);
          chunked.finish();
        }
        c.out.flush();
        return readReply(c, r);
      } catch (IOException e) {
        if (chunked != null && chunked.failed && !c.timedOut() && !closed) {
          try {
            return readReply(c, r); // the daemon refused the upload early: show why
          } catch (IOException ignored) {
            // no reply either: the upload's failure is the error
          }
        }
        c.close();
        open.remove(c);
        if (chunked != null && !chunked.failed) {
          throw new HangarException(ErrorCode.IO_ERROR, "cannot send the body of " + r.line()
              + " to the Hangar daemon at " + address + ": " + e.getMessage(), e);
        }
        if (reused && c.in.received() == 0 && !c.timedOut() && !closed) {
          continue; // the daemon had closed the idle connection
        }
        throw EngineErrors.exchange(address, r, c.timedOut(), closed, e);
      }
    }
  }

  private Reply readReply(Connection c, Request r) throws IOException {
    Headers headers = new Headers();
    ResponseHead head = ResponseHead.read(c.in, headers);
    if (r.follow()) {
      c.timeout(Duration.ZERO);
    }
    return new Reply(head.status(), Map.copyOf(headers.map), ReplyBody.of(head, c,
        this::release));
  }

  private Connection dial() {
    if (closed) {
      throw new IllegalStateException("the client is closed");
    }
    try {
      return Connection.dial(address, tls, connectTimeout);
    } catch (IOException e) {
      throw EngineErrors.unreachable(address, e);
    }
  }

  private void writeHead(Connection c, Request r) throws IOException {
    StringBuilder h = new StringBuilder(128);
    h.append(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n");
    byte[] line = h.toString().getBytes(StandardCharsets.US_ASCII);
    h.setLength(0);
    if (r.stream() != null) {
      h.append("Transfer-Encoding: chunked\r\n");
    } else if (r.body() != null) {
      h.append("Content-Length: ").append(r.body().length).append("\r\n");
    } else if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
      h.append("Content-Length: 0\r\n");
    }
    if (r.contentType() != null) {
      h.append("Content-Type: ").append(r.contentType()).append("\r\n");
    }
    if (r.registryAuth() != null) {
      h.append("X-Registry-Auth: ").append(r.registryAuth()).append("\r\n");
    }
    h.append("\r\n");
    byte[] rest = h.toString().getBytes(StandardCharsets.US_ASCII);
    int bodyLen = r.body() == null ? 0 : r.body().length;
    byte[] all = new byte[line.length + hostAndAgent.length + rest.length + bodyLen];
    System.arraycopy(line, 0, all, 0, line.length);
    System.arraycopy(hostAndAgent, 0, all, line.length, hostAndAgent.length);
    System.arraycopy(rest, 0, all, line.length + hostAndAgent.length, rest.length);
    if (bodyLen > 0) {
      System.arraycopy(r.body(), 0, all, all.length - bodyLen, bodyLen);
    }
    c.out.write(all, 0, all.length);
  }

  private synchronized Connection takeIdle() {
    Connection c = idle;
    idle = null;
    return c == null || c.isClosed() ? null : c;
  }

  /** Takes a connection back at the end of a reply body (closed: forgotten). */
  private void release(Connection c) {
    open.remove(c);
    if (c.isClosed()) {
      return;
    }
    Connection drop = null;
    synchronized (this) {
      if (closed || idle != null) {
        drop = c;
      } else {
        idle = c;
      }
    }
    if (drop != null) {
      drop.close();
    }
  }

  /** Closes every connection. Idempotent. */
  @Override
  public void close() {
    closed = true;
    Connection c;
    synchronized (this) {
      c = idle;
      idle = null;
    }
    if (c != null) {
      c.close();
    }
    open.forEach(Connection::close);
  }

  /** Collects a reply's headers by lower-case name, the first of repeated ones. */
  private static final class Headers implements ResponseHead.HeaderSink {
    final Map<String, String> map = new HashMap<>();

    @Override
    public void head(int status) {
      map.clear();
    }

    @Override
    public void header(String line, int colon) {
      map.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
  }
}
