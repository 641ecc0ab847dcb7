package dev.hangar.internal.resource;

import dev.hangar.api.resource.ExpireInfo;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The built-in {@code http}/{@code https} client: HEAD for metadata and conditional HEAD for
 * expiry on the JDK's {@link HttpClient}; GET (with {@code Range}) for content, on a hand-written
 * HTTP/1.1 exchange for plain {@code http} ({@link PlainHttpGet}, whose body {@link Transfer}
 * copies from the socket to the file through direct buffers) and on the {@link HttpClient} for
 * {@code https}. Follows redirects (not from https to http). 404 and 410 throw
 * {@link FileNotFoundException}; other statuses are returned for the caller to judge.
 */
public final class HttpResourceClient implements ResourceClient {
  /** Limit to establish a connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Limit to wait for the server during a plain-http download: for the response head and for
   * each read of the body (the JDK client used for https has no such limit).
   */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

  // Headers HttpClient refuses to have set by callers.
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  // Built on first use: a plain-http download never needs it, and it costs JVM start time.
  private HttpClient http;
  // The TLS context of https requests; null: the JDK's default (its trust store).
  private final SSLContext ssl;

  /** A client that trusts what the JDK's default trust store trusts. */
  public HttpResourceClient() {
    this(null);
  }

  /**
   * A client whose https requests use {@code ssl} (e.g. trusting a private CA), or the JDK's
   * default when null.
   */
  public HttpResourceClient(SSLContext ssl) {
    this.ssl = ssl;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      HttpClient.Builder b = HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(CONNECT_TIMEOUT);
      if (ssl != null) {
        b.sslContext(ssl);
      }
      http = b.build();
    }
    return http;
  }

  @Override
  public long contentLength(ResourceRequest request) throws IOException {
    return head(request, Map.of()).headers().firstValueAsLong("content-length").orElse(-1);
  }

  @Override
  public boolean supportsRange(ResourceRequest request) throws IOException {
    return head(request, Map.of()).headers().firstValue("accept-ranges")
        .map(v -> v.toLowerCase(Locale.ROOT).contains("bytes")).orElse(false);
  }

  @Override
  public boolean isExpired(ResourceRequest request, ExpireInfo info) throws IOException {
    if (info.isEmpty()) {
      return true;
    }
    Map<String, String> conditions = new HashMap<>();
    info.etagValue().ifPresent(v -> conditions.put("If-None-Match", v));
    info.lastModifiedValue().ifPresent(v -> conditions.put("If-Modified-Since", v));
    HttpResponse<Void> r = head(request, conditions);
    if (r.statusCode() == 304) {
      return false;
    }
    ExpireInfo now = expireInfo(r.headers());
    if (info.etag() != null && now.etag() != null) {
      return !info.etag().equals(now.etag());
    }
    return info.lastModified() == null || !info.lastModified().equals(now.lastModified());
  }

  @Override
  public ResourceResponse download(ResourceRequest request) throws IOException {
    if ("http".equalsIgnoreCase(request.uri().getScheme())) {
      return PlainHttpGet.download(request, CONNECT_TIMEOUT, IDLE_TIMEOUT, this::viaHttpClient);
    }
    return viaHttpClient(request);
  }

  private ResourceResponse viaHttpClient(ResourceRequest request) throws IOException {
    HttpRequest.Builder b = builder(request, Map.of()).GET();
    request.byteRange().ifPresent(r -> b.header("Range", r.toHeader()));
    HttpResponse<InputStream> r = send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() == 404 || r.statusCode() == 410) {
      r.body().close();
      throw new FileNotFoundException(request.uri() + ": HTTP " + r.statusCode());
    }
    Map<String, String> headers = new HashMap<>();
    r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    long length = r.headers().firstValueAsLong("content-length").orElse(-1);
    return new ResourceResponse(r.body(), r.statusCode(), length, headers,
        expireInfo(r.headers()));
  }

  @Override
  public long lastModified(ResourceRequest request) throws IOException {
    return head(request, Map.of()).headers().firstValue("last-modified")
        .flatMap(HttpResourceClient::parseDate).orElse(-1L);
  }

  static java.util.Optional<Long> parseDate(String v) {
    try {
      return java.util.Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  private static ExpireInfo expireInfo(HttpHeaders h) {
    return new ExpireInfo(h.firstValue("last-modified").orElse(null),
        h.firstValue("etag").orElse(null));
  }

  private HttpResponse<Void> head(ResourceRequest request, Map<String, String> extra)
      throws IOException {
    HttpRequest req = builder(request, extra).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build();
    HttpResponse<Void> r = send(req, HttpResponse.BodyHandlers.discarding());
    int s = r.statusCode();
    if (s == 404 || s == 410) {
      throw new FileNotFoundException(request.uri() + ": HTTP " + s);
    }
    if (s >= 400) {
      throw new IOException(request.uri() + ": HTTP " + s + " to HEAD");
    }
    return r;
  }

  private static HttpRequest.Builder builder(ResourceRequest request, Map<String, String> extra) {
    HttpRequest.Builder b = HttpRequest.newBuilder(request.uri());
    request.headers().forEach((k, v) -> {
      if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
        b.header(k, v);
      }
    });
    extra.forEach(b::header);
    return b;
  }

  private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    try {
      return http().send(req, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted: " + req.method() + " " + req.uri());
    }
  }
}
