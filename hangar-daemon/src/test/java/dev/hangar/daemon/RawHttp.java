package dev.hangar.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bare HTTP/1.1 client over one connection, for tests that must see the exact bytes: the
 * status, every header as sent, the body (by length or de-chunked), chunk by chunk for streams.
 */
public final class RawHttp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AutoCloseable connection;
  private final InputStream in;
  private final OutputStream out;
  private boolean chunkOpen;

  private RawHttp(AutoCloseable connection, InputStream in, OutputStream out) {
    this.connection = connection;
    this.in = new BufferedInputStream(in);
    this.out = out;
  }

  /** Connects to a unix socket. */
  public static RawHttp unix(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    return new RawHttp(ch, Channels.newInputStream(ch), Channels.newOutputStream(ch));
  }

  /** Over an already connected socket (a TLS one). */
  public static RawHttp over(java.net.Socket s) throws IOException {
    return new RawHttp(s, s.getInputStream(), s.getOutputStream());
  }

  /** A response. Header names are case-insensitive. */
  public record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public Optional<String> header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /** Sends a request and reads the whole response. */
  public Response exchange(String method, String target, Map<String, String> headers,
      byte[] body) throws IOException {
    sendHead(method, target, headers, body);
    Response head = readHead();
    if (method.equals("HEAD") || head.status() == 204 || head.status() == 304) {
      return head;
    }
    return new Response(head.status(), head.headers(), readBody(head));
  }

  /** A GET without a body. */
  public Response get(String target) throws IOException {
    return exchange("GET", target, Map.of(), null);
  }

  /** Sends a request head (and body, with its length unless headers say chunked). */
  public void sendHead(String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    StringBuilder b = new StringBuilder(method).append(' ').append(target)
        .append(" HTTP/1.1\r\nHost: api.moby.localhost\r\n");
    headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
    if (body != null && !headers.containsKey("Transfer-Encoding")) {
      b.append("Content-Length: ").append(body.length).append("\r\n");
    }
    b.append("\r\n");
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  /** Reads a response's status line and headers. */
  public Response readHead() throws IOException {
    String status = line();
    if (status == null) {
      throw new IOException("connection closed before a response");
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String l = line(); l != null && !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      headers.computeIfAbsent(l.substring(0, colon), k -> new ArrayList<>())
          .add(l.substring(colon + 1).strip());
    }
    return new Response(Integer.parseInt(status.split(" ")[1]), headers, new byte[0]);
  }

  /**
   * The next chunk of a chunked body; empty at its end. A chunk's closing CRLF is read with the
   * next one: Jetty sends it only with what follows.
   */
  public Optional<byte[]> nextChunk() throws IOException {
    if (chunkOpen) {
      line();
      chunkOpen = false;
    }
    String size = line();
    if (size == null) {
      throw new IOException("connection closed inside a chunked body");
    }
    int n = Integer.parseInt(size.split(";")[0].strip(), 16);
    if (n == 0) {
      line();
      return Optional.empty();
    }
    byte[] data = in.readNBytes(n);
    chunkOpen = true;
    return Optional.of(data);
  }

  private byte[] readBody(Response head) throws IOException {
    Optional<String> te = head.header("Transfer-Encoding");
    if (te.isPresent() && te.get().toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (Optional<byte[]> c = nextChunk(); c.isPresent(); c = nextChunk()) {
        body.writeBytes(c.get());
      }
      return body.toByteArray();
    }
    Optional<String> cl = head.header("Content-Length");
    return cl.isPresent() ? in.readNBytes(Integer.parseInt(cl.get())) : in.readAllBytes();
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    connection.close();
  }
}
