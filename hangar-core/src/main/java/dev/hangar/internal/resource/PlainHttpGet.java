package dev.hangar.internal.resource;

import dev.hangar.api.resource.ExpireInfo;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import dev.hangar.protocol.internal.http.Http1Syntax;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fast path of the built-in client for plain {@code http}: one HTTP/1.1 GET written by hand
 * on its own connection ({@code Connection: close}), the body handed out as a {@link SocketBody}
 * that {@link Transfer} reads straight into a direct buffer. Follows redirects as the JDK client's
 * {@code Redirect.NORMAL} does (301, 302, 303, 307, 308; at most {@link #MAX_REDIRECTS}); a
 * redirect to {@code https} is handed to {@code tls}. 404 and 410 throw
 * {@link FileNotFoundException}; other statuses are returned for the caller to judge.
 */
final class PlainHttpGet {
  /** Redirects followed before giving up, as the JDK client's default. */
  static final int MAX_REDIRECTS = 5;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  /** What serves a request this class cannot ({@code https}). */
  interface Fallback {
    ResourceResponse download(ResourceRequest request) throws IOException;
  }

  private PlainHttpGet() {}

  /**
   * GETs {@code request} (an {@code http} URI).
   *
   * @param connectTimeout the limit to establish each connection
   * @param idleTimeout the longest wait for the server during the exchange and the body
   */
  static ResourceResponse download(ResourceRequest request, Duration connectTimeout,
      Duration idleTimeout, Fallback tls) throws IOException {
    URI uri = request.uri();
    byte[] head = requestHead(request, uri); // checks the headers before any connection
    for (int hop = 0; ; hop++) {
      if (uri.getHost() == null) {
        throw new IOException("no host in " + uri);
      }
      SocketConnection c = SocketConnection.open(uri.getHost(),
          uri.getPort() == -1 ? 80 : uri.getPort(), connectTimeout, idleTimeout);
      WireReader in = new WireReader(c);
      ResponseHead h;
      try {
        c.writeFully(ByteBuffer.wrap(head));
        h = ResponseHead.read(in);
      } catch (IOException | RuntimeException e) {
        c.close();
        throw e;
      }
      String location = h.headers().get("location");
      if (!REDIRECTS.contains(h.status()) || location == null) {
        return response(request.uri(), uri, h, in);
      }
      c.close();
      if (hop == MAX_REDIRECTS) {
        throw new IOException("too many redirects (more than " + MAX_REDIRECTS + ") from "
            + request.uri());
      }
      URI next;
      try {
        next = uri.resolve(URI.create(location.replace(" ", "%20")));
      } catch (IllegalArgumentException e) {
        throw new IOException("bad redirect from " + uri + " to "
            + Http1Syntax.printable(location), e);
      }
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("https")) {
        return tls.download(new ResourceRequest(next, request.headers(), request.range()));
      }
      if (!scheme.equals("http")) {
        throw new IOException("redirect from " + uri + " to an unsupported URL: " + next);
      }
      uri = next;
      head = requestHead(request, uri);
    }
  }

  private static ResourceResponse response(URI asked, URI uri, ResponseHead h, WireReader in)
      throws IOException {
    int s = h.status();
    if (s == 404 || s == 410) {
      in.close();
      throw new FileNotFoundException(asked + ": HTTP " + s);
    }
    ExpireInfo info = new ExpireInfo(h.headers().get("last-modified"), h.headers().get("etag"));
    return new ResourceResponse(new SocketBody(in, h, uri.toString()), s, h.contentLength(),
        h.headers(), info);
  }

  /** The request head for {@code uri}. */
  static byte[] requestHead(ResourceRequest request, URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    StringBuilder b = new StringBuilder(256).append("GET ").append(path);
    if (uri.getRawQuery() != null) {
      b.append('?').append(uri.getRawQuery());
    }
    b.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
    if (uri.getPort() != -1) {
      b.append(':').append(uri.getPort());
    }
    b.append("\r\n");
    boolean agent = false;
    for (Map.Entry<String, String> e : request.headers().entrySet()) {
      String name = e.getKey();
      String lower = name.toLowerCase(Locale.ROOT);
      checkHeader(name, e.getValue());
      if (RESTRICTED.contains(lower) || (lower.equals("range") && request.range() != null)) {
        continue;
      }
      agent |= lower.equals("user-agent");
      b.append(name).append(": ").append(e.getValue()).append("\r\n");
    }
    if (request.range() != null) {
      b.append("Range: ").append(request.range().toHeader()).append("\r\n");
    }
    if (!agent) {
      b.append("User-Agent: hangar\r\n");
    }
    b.append("Connection: close\r\n\r\n");
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void checkHeader(String name, String value) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty header name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        throw new IllegalArgumentException("invalid header name: " + Http1Syntax.printable(name));
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
        throw new IllegalArgumentException("invalid value for header " + name + ": "
            + Http1Syntax.printable(value));
      }
    }
  }
}
