package dev.hangar.resource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server on 127.0.0.1 serving byte arrays by path, with ranges, ETag and
 * Last-Modified, 304 on conditional requests, 404 for unknown paths, and a switch that makes the
 * next GET die after a number of bytes (a killed transfer).
 */
final class TestHttpServer implements AutoCloseable {
  /** One served resource. */
  static final class Resource {
    volatile byte[] body;
    volatile boolean ranges = true;
    volatile String etag;
    volatile String lastModified = "Mon, 23 Nov 2026 01:00:00 GMT";
    volatile long dieAfter = -1;

    Resource(byte[] body, String etag) {
      this.body = body;
      this.etag = etag;
    }
  }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private final HttpServer server;
  private final String scheme;
  private final Map<String, Resource> resources = new ConcurrentHashMap<>();
  final AtomicInteger gets = new AtomicInteger();
  final AtomicInteger heads = new AtomicInteger();
  final List<String> rangeHeaders = new CopyOnWriteArrayList<>();

  TestHttpServer() throws IOException {
    this(null);
  }

  /** An https server with {@code ssl}'s certificate, or a plain one when null. */
  TestHttpServer(SSLContext ssl) throws IOException {
    InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (ssl == null) {
      server = HttpServer.create(at, 0);
    } else {
      HttpsServer https = HttpsServer.create(at, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(ssl));
      server = https;
    }
    scheme = ssl == null ? "http" : "https";
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  Resource serve(String path, byte[] body) {
    Resource r = new Resource(body, "\"v1\"");
    resources.put(path, r);
    return r;
  }

  URI uri(String path) {
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Resource r = resources.get(ex.getRequestURI().getPath());
      boolean head = ex.getRequestMethod().equals("HEAD");
      (head ? heads : gets).incrementAndGet();
      if (r == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = r.body;
      var h = ex.getResponseHeaders();
      if (r.etag != null) {
        h.set("ETag", r.etag);
      }
      h.set("Last-Modified", r.lastModified);
      if (r.ranges) {
        h.set("Accept-Ranges", "bytes");
      }
      String inm = ex.getRequestHeaders().getFirst("If-None-Match");
      if (inm != null && inm.equals(r.etag)) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      int start = 0;
      int end = body.length - 1;
      int status = 200;
      String range = ex.getRequestHeaders().getFirst("Range");
      if (range != null && !head) {
        rangeHeaders.add(range);
      }
      if (range != null && r.ranges) {
        Matcher m = RANGE.matcher(range);
        if (m.matches()) {
          start = Integer.parseInt(m.group(1));
          if (!m.group(2).isEmpty()) {
            end = Math.min(end, Integer.parseInt(m.group(2)));
          }
          if (start >= body.length) {
            h.set("Content-Range", "bytes */" + body.length);
            ex.sendResponseHeaders(416, -1);
            return;
          }
          status = 206;
          h.set("Content-Range", "bytes " + start + "-" + end + "/" + body.length);
        }
      }
      int len = end - start + 1;
      if (head) {
        h.set("Content-Length", Integer.toString(len));
        ex.sendResponseHeaders(status, -1);
        return;
      }
      ex.sendResponseHeaders(status, len == 0 ? -1 : len);
      OutputStream out = ex.getResponseBody();
      long die = r.dieAfter;
      if (die >= 0 && die < len) {
        r.dieAfter = -1;
        out.write(body, start, (int) die);
        out.flush();
        // Dropping the connection with bytes missing: the client sees a broken transfer.
        throw new IOException("killed transfer");
      }
      out.write(body, start, len);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
