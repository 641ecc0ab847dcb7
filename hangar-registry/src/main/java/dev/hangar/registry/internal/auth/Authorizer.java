package dev.hangar.registry.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Credentials;
import dev.hangar.registry.internal.ErrorMapper;
import dev.hangar.registry.internal.Json;
import dev.hangar.registry.internal.Subject;
import dev.hangar.registry.internal.http.Handler;
import dev.hangar.registry.internal.http.Request;
import dev.hangar.registry.internal.http.Response;
import dev.hangar.registry.internal.http.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authentication with registries for one set of credentials: which scheme each registry asked
 * for, its credentials (looked up once), and bearer tokens per scope from its token endpoint
 * (Docker's flow: {@code GET realm?service=&scope=} with Basic credentials when there are any,
 * or an OAuth2 refresh-token {@code POST} for an identity token). Thread-safe.
 */
public final class Authorizer {
  private static final int TOKEN_BODY_CAP = 1 << 20;
  private static final String CLIENT_ID = "hangar";

  private final Transport transport;
  private final CredentialSource source;
  private final TokenCache tokens;
  private final Map<String, Optional<Credentials>> credentials = new ConcurrentHashMap<>();
  private final Map<String, List<Challenge>> learned = new ConcurrentHashMap<>();

  /**
   * @param transport the transport (for the token endpoint)
   * @param source where credentials come from
   * @param clock the clock token lifetimes are measured on
   */
  public Authorizer(Transport transport, CredentialSource source, Clock clock) {
    this.transport = transport;
    this.source = source;
    this.tokens = new TokenCache(clock);
  }

  /**
   * The {@code Authorization} header for a request, fetching a token when the registry uses
   * bearer tokens and none is cached for the scope.
   *
   * @param s what the request concerns (for messages)
   * @param ep the registry's endpoint
   * @param scope what the request needs
   * @return the header value, or empty for an anonymous request
   */
  public Optional<String> header(Subject s, Transport.Endpoint ep, Scope scope) {
    Optional<Credentials> creds = credentials(ep.registry());
    if (creds.isPresent() && creds.get() instanceof Credentials.RegistryToken t) {
      return Optional.of("Bearer " + t.token());
    }
    List<Challenge> challenges = challenges(ep);
    Optional<Challenge> bearer = Challenge.first(challenges, "bearer");
    if (bearer.isPresent()) {
      String token = tokens.get(ep.registry(), scope)
          .orElseGet(() -> fetch(s, ep.registry(), bearer.get(), scope, creds));
      return Optional.of("Bearer " + token);
    }
    if (Challenge.first(challenges, "basic").isPresent()
        && creds.isPresent() && creds.get() instanceof Credentials.Basic b) {
      return Optional.of(basic(b));
    }
    return Optional.empty();
  }

  /**
   * A request was answered 401: learns the challenge it carried and says whether a retry can
   * succeed (a token that may have expired or lacked a scope; credentials not sent yet).
   *
   * @param ep the registry's endpoint
   * @param scope the scope of the request
   * @param wwwAuthenticate the challenge headers of the 401
   * @param sent the {@code Authorization} value that was sent, or empty
   * @return whether to retry once
   */
  public boolean challenged(Transport.Endpoint ep, Scope scope, List<String> wwwAuthenticate,
      Optional<String> sent) {
    List<Challenge> c = Challenge.parse(wwwAuthenticate);
    if (!c.isEmpty()) {
      learned.put(ep.registry(), c);
    }
    tokens.remove(ep.registry(), scope);
    if (sent.isEmpty()) {
      return Challenge.first(c, "bearer").isPresent()
          || (Challenge.first(c, "basic").isPresent()
              && credentials(ep.registry()).filter(Credentials.Basic.class::isInstance).isPresent());
    }
    return sent.get().startsWith("Bearer ")
        && !(credentials(ep.registry()).orElse(null) instanceof Credentials.RegistryToken);
  }

  /** Whether credentials were found for the registry. */
  public boolean hasCredentials(String registry) {
    return credentials(registry).isPresent();
  }

  private Optional<Credentials> credentials(String registry) {
    return credentials.computeIfAbsent(registry, source::lookup);
  }

  private List<Challenge> challenges(Transport.Endpoint ep) {
    List<Challenge> l = learned.get(ep.registry());
    return l != null ? l : Challenge.parse(ep.challenges());
  }

  private String fetch(Subject s, String registry, Challenge bearer, Scope scope,
      Optional<Credentials> creds) {
    Subject ts = s.as(Subject.Kind.TOKEN);
    String realm = bearer.param("realm").orElseThrow(() -> ErrorMapper.of(
        ErrorCode.REGISTRY_AUTH, ts, "the registry's Bearer challenge has no realm"));
    URI realmUri;
    try {
      realmUri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw ErrorMapper.of(ErrorCode.REGISTRY_AUTH, ts, "bad token realm " + realm);
    }
    if (!"https".equals(realmUri.getScheme()) && !("http".equals(realmUri.getScheme())
        && realmUri.getRawAuthority() != null
        && transport.plainAllowed(realmUri.getRawAuthority()))) {
      throw ErrorMapper.of(ErrorCode.REGISTRY_AUTH, ts, "token realm " + realm
          + " is not https (plain http only to loopback or insecure registries)");
    }
    List<String> scopes = new ArrayList<>(scope.scopes());
    Optional<String> service = bearer.param("service");
    Request req;
    Map<String, String> headers = new HashMap<>();
    if (creds.isPresent() && creds.get() instanceof Credentials.IdentityToken it) {
      StringBuilder form = new StringBuilder("grant_type=refresh_token&refresh_token=")
          .append(enc(it.token())).append("&client_id=").append(CLIENT_ID);
      service.ifPresent(v -> form.append("&service=").append(enc(v)));
      if (!scopes.isEmpty()) {
        form.append("&scope=").append(enc(String.join(" ", scopes)));
      }
      headers.put("Content-Type", "application/x-www-form-urlencoded");
      byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
      req = new Request("POST", realmUri, headers, a -> HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      StringBuilder q = new StringBuilder();
      service.ifPresent(v -> q.append("&service=").append(enc(v)));
      for (String sc : scopes) {
        q.append("&scope=").append(enc(sc));
      }
      if (creds.isPresent() && creds.get() instanceof Credentials.Basic b) {
        q.append("&account=").append(enc(b.username()));
        headers.put("Authorization", basic(b));
      }
      String sep = realm.contains("?") ? "&" : "?";
      req = Request.of("GET", URI.create(realm + (q.isEmpty() ? "" : sep + q.substring(1))),
          headers);
    }
    Response<byte[]> r;
    try {
      r = transport.once(ts, req, Handler.bytes(st -> st == 200, TOKEN_BODY_CAP));
    } catch (Transport.Attempt e) {
      throw ErrorMapper.io(ts, e.io, transport.settings().certsDir());
    }
    if (!r.accepted()) {
      throw ErrorMapper.answer(ts, r.status(), r.errorBody(), creds.isPresent());
    }
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw ErrorMapper.of(ErrorCode.REGISTRY_AUTH, ts, "token endpoint " + realm
          + " answered something that is not JSON");
    }
    String token = n.path("token").asText("");
    if (token.isEmpty()) {
      token = n.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw ErrorMapper.of(ErrorCode.REGISTRY_AUTH, ts, "token endpoint " + realm
          + " answered without a token");
    }
    long expiresIn = n.path("expires_in").asLong(0);
    Duration life = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : TokenCache.DEFAULT_LIFETIME;
    tokens.put(registry, scope, token, life);
    return token;
  }

  private static String basic(Credentials.Basic b) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (b.username() + ":" + b.password()).getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
