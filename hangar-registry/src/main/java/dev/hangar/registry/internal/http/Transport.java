package dev.hangar.registry.internal.http;

import dev.hangar.registry.internal.ErrorMapper;
import dev.hangar.registry.internal.Subject;
import dev.hangar.registry.internal.tls.RegistryTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The connections to registries: one JDK {@link HttpClient} per host (each with that host's
 * TLS), the scheme each registry is spoken to with, and single attempts of an exchange with
 * a stall timeout. Shared by every credential view of a client. Thread-safe.
 *
 * <p>Scheme, as Docker decides it: https, verified, for every registry; plain http only for a
 * loopback registry ({@link #isLoopback}) or one the caller named insecure, and then only when
 * https fails and {@code /v2/} answers 200 or 401 over http. A registry named insecure is also
 * spoken to over https without certificate checks, as Docker does; a loopback one is not.
 */
public final class Transport implements AutoCloseable {
  /** Cap on bodies read for error messages. */
  public static final int ERROR_BODY_CAP = 64 * 1024;

  /**
   * What the transport is configured with.
   *
   * @param certsDir Docker's {@code certs.d}
   * @param extraCas PEM CAs trusted for every registry besides the system's
   * @param insecure registries (host[:port]) that may be spoken to over plain http
   * @param connect the connect timeout
   * @param stall how long an exchange may move no bytes
   */
  public record Settings(Path certsDir, List<Path> extraCas, Set<String> insecure,
      Duration connect, Duration stall) {
    /**
     * @param certsDir the certs dir
     * @param extraCas the extra CAs
     * @param insecure the insecure registries
     * @param connect the connect timeout
     * @param stall the stall timeout
     */
    public Settings {
      extraCas = List.copyOf(extraCas);
      insecure = Set.copyOf(insecure);
    }
  }

  /**
   * A registry's base URI and what its {@code /v2/} answered.
   *
   * @param registry the registry as in references
   * @param base {@code scheme://host[:port]}
   * @param challenges the {@code WWW-Authenticate} values of the ping's 401, or none
   */
  public record Endpoint(String registry, URI base, List<String> challenges) {
    /** The URI of {@code path} (which starts with {@code /v2/}) on this registry. */
    public URI resolve(String path) {
      return URI.create(base + path);
    }
  }

  private final Settings settings;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

  /**
   * @param settings the settings
   */
  public Transport(Settings settings) {
    this.settings = settings;
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /**
   * The registry's endpoint, pinging {@code /v2/} on first use to learn its scheme and its
   * authentication challenge.
   *
   * @param registry the registry
   * @return the endpoint
   * @throws dev.hangar.registry.RegistryException (REGISTRY_UNREACHABLE) when it cannot be reached
   */
  public Endpoint endpoint(String registry) {
    Endpoint e = endpoints.get(registry);
    if (e != null) {
      return e;
    }
    e = ping(registry);
    endpoints.putIfAbsent(registry, e);
    return endpoints.get(registry);
  }

  private Endpoint ping(String registry) {
    Subject s = new Subject(Subject.Kind.PING, registry, "", "");
    String host = apiHost(registry);
    URI https = URI.create("https://" + host + "/v2/");
    if (!plainAllowed(registry)) {
      try {
        Response<Void> r = once(s, Request.of("GET", https, Map.of()),
            Handler.discard(st -> true));
        return new Endpoint(registry, URI.create("https://" + host), challenges(r.headers()));
      } catch (Attempt e) {
        throw ErrorMapper.io(s, e.io, settings.certsDir());
      }
    }
    // Both at once: a port speaks one protocol, so a registry's answer over plain http means
    // https cannot succeed there, and waiting for a TLS handshake the server ignores (a connect
    // timeout) would be wasted. https still wins whenever it answers.
    URI http = URI.create("http://" + host + "/v2/");
    CompletableFuture<Endpoint> tls = async(() -> {
      Response<Void> r = once(s, Request.of("GET", https, Map.of()), Handler.discard(st -> true));
      return new Endpoint(registry, URI.create("https://" + host), challenges(r.headers()));
    });
    CompletableFuture<Endpoint> plain = async(() -> {
      Response<Void> r = once(s, Request.of("GET", http, Map.of()),
          Handler.discard(st -> st == 200 || st == 401));
      if (!r.accepted()) {
        throw new Attempt(new IOException("not a registry over plain http"));
      }
      return new Endpoint(registry, URI.create("http://" + host), challenges(r.headers()));
    });
    try {
      CompletableFuture.anyOf(tls, plain).exceptionally(t -> null).get();
      if (!plain.isCompletedExceptionally() && plain.isDone()) {
        tls.cancel(true);
        return plain.get();
      }
      try {
        return tls.get();
      } catch (ExecutionException tlsFailed) {
        try {
          return plain.get();
        } catch (ExecutionException plainFailed) {
          Throwable c = tlsFailed.getCause();
          if (c instanceof Attempt a) {
            throw ErrorMapper.io(s, a.io, settings.certsDir());
          }
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(c);
        }
      }
    } catch (InterruptedException e) {
      tls.cancel(true);
      plain.cancel(true);
      Thread.currentThread().interrupt();
      throw ErrorMapper.unreachable(s, "interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Something that may fail with an {@link Attempt}. */
  private interface Probe {
    Endpoint run() throws Attempt;
  }

  private static CompletableFuture<Endpoint> async(Probe p) {
    CompletableFuture<Endpoint> f = new CompletableFuture<>();
    Thread.ofVirtual().name("registry-ping").start(() -> {
      try {
        f.complete(p.run());
      } catch (Attempt | RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  private static List<String> challenges(HttpHeaders h) {
    return h.allValues("WWW-Authenticate");
  }

  /** A failed attempt: the I/O failure, for the caller to map with its subject. */
  public static final class Attempt extends Exception {
    private static final long serialVersionUID = 1L;
    /** The failure. */
    public final IOException io;

    Attempt(IOException io) {
      super(io.getMessage(), io, false, false);
      this.io = io;
    }
  }

  /**
   * One attempt of an exchange: no redirects followed, no authentication added.
   *
   * @param s what it concerns, for a stall's message
   * @param req the request (its headers used as they are)
   * @param handler how to read an expected answer
   * @param <T> the body type
   * @return the answer
   * @throws Attempt when the exchange failed on the way (the caller maps it)
   * @throws dev.hangar.registry.RegistryException (REGISTRY_UNREACHABLE) when it stalled
   */
  public <T> Response<T> once(Subject s, Request req, Handler<T> handler) throws Attempt {
    Activity activity = new Activity();
    HttpRequest.Builder b = HttpRequest.newBuilder(req.uri());
    req.headers().forEach(b::header);
    b.method(req.method(), req.body() == null ? HttpRequest.BodyPublishers.noBody()
        : req.body().open(activity));
    HttpResponse.BodyHandler<Object> bh = info -> {
      activity.touch();
      if (handler.accepts(info.statusCode())) {
        return HttpResponse.BodySubscribers.mapping(handler.subscriber(info, activity), t -> t);
      }
      return HttpResponse.BodySubscribers.mapping(new CappedBody(ERROR_BODY_CAP, activity),
          bytes -> new ErrorBytes(bytes));
    };
    HttpClient client = client(req.uri());
    CompletableFuture<HttpResponse<Object>> f = client.sendAsync(b.build(), bh);
    try {
      HttpResponse<Object> r = activity.await(f, settings.stall());
      Object body = r.body();
      if (body instanceof ErrorBytes eb) {
        return new Response<>(r.statusCode(), r.headers(), r.uri(), null, eb.bytes, false);
      }
      @SuppressWarnings("unchecked")
      T t = (T) body;
      return new Response<>(r.statusCode(), r.headers(), r.uri(), t, null, false);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw new Attempt(io);
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    } catch (Activity.Stalled e) {
      throw ErrorMapper.stalled(s, settings.stall());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Attempt(new java.io.InterruptedIOException("interrupted"));
    }
  }

  /** An error body, told apart from an expected body of type {@code byte[]}. */
  private record ErrorBytes(byte[] bytes) {}

  /** The client for a URI's host, made on first use with that host's TLS. */
  public HttpClient client(URI uri) {
    String authority = uri.getRawAuthority();
    boolean https = "https".equals(uri.getScheme());
    String key = (https ? "https://" : "http://") + authority;
    return clients.computeIfAbsent(key, k -> {
      HttpClient.Builder b = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(settings.connect());
      if (https) {
        String registry = registryOf(authority);
        b.sslContext(RegistryTls.context(settings.certsDir(), registry, settings.extraCas(),
            settings.insecure().contains(registry)));
        b.sslParameters(RegistryTls.parameters());
      }
      return b.build();
    });
  }

  /** Whether plain http may be used for {@code registry}. */
  public boolean plainAllowed(String registry) {
    return settings.insecure().contains(registry) || isLoopback(registry);
  }

  /**
   * Docker's loopback rule: {@code localhost}, an address in {@code 127.0.0.0/8} or {@code ::1},
   * or a name that resolves to such addresses only (Docker accepts a name when any of its
   * addresses is; Hangar wants all of them, so that one loopback record cannot downgrade a
   * public name to plain http).
   */
  public static boolean isLoopback(String authority) {
    String host = hostOf(authority);
    if (host.equals("localhost")) {
      return true;
    }
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** The host of {@code host[:port]} or {@code [v6]:port}, without brackets. */
  static String hostOf(String authority) {
    if (authority.startsWith("[")) {
      int end = authority.indexOf(']');
      return end < 0 ? authority : authority.substring(1, end);
    }
    int colon = authority.lastIndexOf(':');
    return colon < 0 ? authority : authority.substring(0, colon);
  }

  /** The host the API of a registry lives on: Docker Hub's differs from its name. */
  public static String apiHost(String registry) {
    return registry.equals("docker.io") || registry.equals("index.docker.io")
        ? "registry-1.docker.io" : registry;
  }

  private static String registryOf(String authority) {
    return authority.equals("registry-1.docker.io") ? "docker.io" : authority;
  }

  @Override
  public void close() {
    for (HttpClient c : clients.values()) {
      c.shutdownNow();
    }
    clients.clear();
  }
}
