package dev.hangar.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A minimal HTTP/1.1 client for tests: one request per connection, raw bytes in and out. */
final class RawHttp {
  private RawHttp() {}

  /** A parsed reply. */
  record Reply(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  static Reply post(Path socket, String path, String body) throws IOException {
    return exchange(socket, request("POST", path, body, "plugin.moby.localhost"));
  }

  static Reply post(InetSocketAddress tcp, String path, String body) throws IOException {
    return exchange(tcp, request("POST", path, body, tcp.getHostString() + ":" + tcp.getPort()));
  }

  /** A request the way Docker's Go client sends it, with {@code Connection: close}. */
  static byte[] request(String method, String path, String body, String host) {
    byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head = method + " " + path + " HTTP/1.1\r\n"
        + "Host: " + host + "\r\n"
        + "User-Agent: Go-http-client/1.1\r\n"
        + "Content-Length: " + b.length + "\r\n"
        + "Accept: application/vnd.docker.plugins.v1.2+json\r\n"
        + "Connection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[h.length + b.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(b, 0, out, h.length, b.length);
    return out;
  }

  static Reply exchange(Path socket, byte[] request) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      return exchange(ch, request);
    }
  }

  static Reply exchange(InetSocketAddress tcp, byte[] request) throws IOException {
    try (SocketChannel ch = SocketChannel.open(tcp)) {
      return exchange(ch, request);
    }
  }

  private static Reply exchange(SocketChannel ch, byte[] request) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(request);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    return parse(Channels.newInputStream(ch));
  }

  /** Parses a reply with a Content-Length body (or a body up to end of stream). */
  static Reply parse(InputStream in) throws IOException {
    String status = line(in);
    if (status == null) {
      throw new IOException("connection closed without a reply");
    }
    int code = Integer.parseInt(status.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          l.substring(colon + 1).trim());
    }
    String len = headers.get("content-length");
    byte[] body = len != null ? in.readNBytes(Integer.parseInt(len)) : in.readAllBytes();
    return new Reply(code, headers, body);
  }

  /** Decodes a chunked body. */
  static String dechunk(byte[] body) throws IOException {
    InputStream in = new java.io.ByteArrayInputStream(body);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String size = line(in); size != null; size = line(in)) {
      int n = Integer.parseInt(size.trim(), 16);
      if (n == 0) {
        break;
      }
      out.write(in.readNBytes(n));
      line(in);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        String s = out.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      out.write(c);
    }
    return out.size() == 0 ? null : out.toString(StandardCharsets.US_ASCII);
  }
}
