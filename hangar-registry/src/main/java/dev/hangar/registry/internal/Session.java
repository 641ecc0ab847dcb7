package dev.hangar.registry.internal;

import dev.hangar.registry.internal.auth.Authorizer;
import dev.hangar.registry.internal.auth.Scope;
import dev.hangar.registry.internal.http.Handler;
import dev.hangar.registry.internal.http.Request;
import dev.hangar.registry.internal.http.Response;
import dev.hangar.registry.internal.http.Transport;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends registry requests with authentication: the {@code Authorization} header for the
 * request's scope, one retry after a 401 that a fresh token or the credentials can answer, and
 * redirects of {@code GET}/{@code HEAD} followed by hand so that credentials never go to another
 * host (blob storage behind a redirect gets a clean request).
 */
public final class Session {
  private static final int MAX_REDIRECTS = 10;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final Transport transport;
  private final Authorizer auth;

  /**
   * @param transport the transport
   * @param auth the authorizer of this session's credentials
   */
  public Session(Transport transport, Authorizer auth) {
    this.transport = transport;
    this.auth = auth;
  }

  /** The transport. */
  public Transport transport() {
    return transport;
  }

  /** The registry's endpoint (pinged on first use). */
  public Transport.Endpoint endpoint(String registry) {
    return transport.endpoint(registry);
  }

  /**
   * Sends a request.
   *
   * @param s what it concerns
   * @param req the request, to a URI on the registry's endpoint
   * @param scope the token scope it needs
   * @param handler how to read the answers the caller expects
   * @param <T> the body type
   * @return the answer, expected or not (map an unexpected one with {@link #fail})
   * @throws dev.hangar.registry.RegistryException when it could not be sent or stalled
   */
  public <T> Response<T> send(Subject s, Request req, Scope scope, Handler<T> handler) {
    Transport.Endpoint ep = transport.endpoint(s.registry());
    boolean retried = false;
    Request current = req;
    int hops = 0;
    while (true) {
      boolean sameOrigin = sameOrigin(current.uri(), ep.base());
      Optional<String> authorization = sameOrigin ? auth.header(s, ep, scope) : Optional.empty();
      Request attempt = current;
      if (authorization.isPresent()) {
        Map<String, String> h = new HashMap<>(current.headers());
        h.put("Authorization", authorization.get());
        attempt = new Request(current.method(), current.uri(), h, current.body());
      }
      Response<T> r;
      try {
        r = transport.once(s, attempt, handler);
      } catch (Transport.Attempt e) {
        throw ErrorMapper.io(s, e.io, transport.settings().certsDir());
      }
      if (!r.accepted() && REDIRECTS.contains(r.status())
          && (current.method().equals("GET") || current.method().equals("HEAD"))) {
        Optional<String> location = r.header("Location");
        if (location.isEmpty()) {
          throw ErrorMapper.protocol(s, r.status(), "sent no Location");
        }
        if (++hops > MAX_REDIRECTS) {
          throw ErrorMapper.protocol(s, r.status(), "redirected more than " + MAX_REDIRECTS
              + " times");
        }
        URI target = current.uri().resolve(location.get());
        if ("http".equals(target.getScheme()) && "https".equals(current.uri().getScheme())
            && !transport.plainAllowed(target.getRawAuthority())) {
          throw ErrorMapper.protocol(s, r.status(), "redirected from https to plain http ("
              + target + ")");
        }
        current = new Request(current.method(), target, current.headers(), current.body());
        continue;
      }
      if (r.status() == 401 && sameOrigin && !retried
          && auth.challenged(ep, scope, r.headers().allValues("WWW-Authenticate"),
              authorization)) {
        retried = true;
        continue;
      }
      return new Response<>(r.status(), r.headers(), r.uri(), r.body(), r.errorBody(),
          authorization.isPresent());
    }
  }

  /**
   * The exception for an answer the caller did not expect.
   *
   * @param s what the request concerned
   * @param r the answer
   * @return the exception
   */
  public dev.hangar.registry.RegistryException fail(Subject s, Response<?> r) {
    byte[] body = r.errorBody() == null ? new byte[0] : r.errorBody();
    return ErrorMapper.answer(s, r.status(), body, auth.hasCredentials(s.registry()));
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equals(b.getScheme())
        && String.valueOf(a.getRawAuthority()).equals(String.valueOf(b.getRawAuthority()));
  }
}
