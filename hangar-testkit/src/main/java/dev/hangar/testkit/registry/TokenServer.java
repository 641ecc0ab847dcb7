package dev.hangar.testkit.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hangar.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A token endpoint as Docker's token authentication specifies it, for a {@link RegistryServer}
 * started with {@link RegistryServer.Builder#token}: {@code GET /token?service=&scope=} (with
 * Basic credentials, or none for anonymous pulls when allowed) and the OAuth2
 * {@code POST /token} refresh-token grant. Tokens are RS256 JWTs whose {@code x5c} is the test
 * PKI's client certificate, which the registry verifies against the PKI's CA.
 *
 * <p>A known user gets every action it asks for; an anonymous caller gets {@code pull} only, and
 * only when {@link #allowAnonymousPull} is on. Every request is recorded.
 *
 * @since 0.1
 */
public final class TokenServer implements AutoCloseable {
  /** One request the server answered. */
  public record Issued(String method, String user, List<String> scopes, int status) {}

  private final HttpServer http;
  private final PrivateKey key;
  private final String x5c;
  private final Path rootCertBundle;
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final List<Issued> issued = new CopyOnWriteArrayList<>();
  private volatile boolean anonymousPull;
  private volatile long lifetimeSeconds = 300;
  private volatile String tokenField = "token";

  private TokenServer(HttpServer http, PrivateKey key, String x5c, Path roots) {
    this.http = http;
    this.key = key;
    this.x5c = x5c;
    this.rootCertBundle = roots;
  }

  /**
   * Starts a token server on a free loopback port, signing with the PKI's client key.
   *
   * @param pki the test PKI (its CA becomes the registry's {@code rootcertbundle})
   * @return the running server
   * @throws IOException when it cannot start or the key cannot be read
   */
  public static TokenServer start(TestPki pki) throws IOException {
    Path pkcs8 = pki.dir().resolve("token-signing.key");
    TestPki.openssl(pki.dir(), "pkcs8", "-topk8", "-nocrypt", "-in", pki.clientKey().toString(),
        "-out", pkcs8.toString());
    try {
      String pem = Files.readString(pkcs8).replaceAll("-----[A-Z ]+-----", "")
          .replaceAll("\\s", "");
      PrivateKey k = KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pki.clientCert())));
      HttpServer http = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      TokenServer s = new TokenServer(http, k, Base64.getEncoder().encodeToString(
          cert.getEncoded()), pki.caCert());
      http.createContext("/token", s::handle);
      http.start();
      return s;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the signing key: " + e.getMessage(), e);
    }
  }

  /** The realm for the registry's config: {@code http://127.0.0.1:PORT/token}. */
  public String realm() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/token";
  }

  /** The service name the registry announces and the tokens' audience. */
  public String service() {
    return "hangar-test-registry";
  }

  /** The tokens' issuer. */
  public String issuer() {
    return "hangar-test-issuer";
  }

  /** The CA bundle the registry verifies tokens' {@code x5c} against. */
  public Path rootCertBundle() {
    return rootCertBundle;
  }

  /**
   * Adds a user with a password, and a refresh token for the OAuth2 grant.
   *
   * @param user the user
   * @param password its password
   * @param refreshToken the identity token that stands for it
   * @return this
   */
  public TokenServer user(String user, String password, String refreshToken) {
    passwords.put(user, password);
    refreshTokens.put(refreshToken, user);
    return this;
  }

  /** Lets anonymous callers pull. */
  public TokenServer allowAnonymousPull(boolean allow) {
    this.anonymousPull = allow;
    return this;
  }

  /** The {@code expires_in} of issued tokens (default 300 s). */
  public TokenServer lifetime(long seconds) {
    this.lifetimeSeconds = seconds;
    return this;
  }

  /** Answers with {@code access_token} instead of {@code token} (both are allowed). */
  public TokenServer useAccessTokenField(boolean on) {
    this.tokenField = on ? "access_token" : "token";
    return this;
  }

  /** Every request answered so far. */
  public List<Issued> issued() {
    return List.copyOf(issued);
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, List<String>> params = new ConcurrentHashMap<>();
      parse(ex.getRequestURI().getRawQuery(), params);
      String user = null;
      boolean refused = false;
      if (ex.getRequestMethod().equals("POST")) {
        parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
        String grant = first(params, "grant_type");
        String refresh = first(params, "refresh_token");
        user = "refresh_token".equals(grant) && refresh != null ? refreshTokens.get(refresh)
            : null;
        refused = user == null;
        List<String> scopes = new ArrayList<>();
        String scope = first(params, "scope");
        if (scope != null && !scope.isEmpty()) {
          scopes.addAll(List.of(scope.split(" ")));
        }
        params.put("scope", scopes);
      } else {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Basic ")) {
          String[] up = new String(Base64.getDecoder().decode(auth.substring(6)),
              StandardCharsets.UTF_8).split(":", 2);
          if (up.length == 2 && up[1].equals(passwords.get(up[0]))) {
            user = up[0];
          } else {
            refused = true;
          }
        }
      }
      List<String> scopes = params.getOrDefault("scope", List.of());
      if (refused) {
        issued.add(new Issued(ex.getRequestMethod(), "", scopes, 401));
        send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":"
            + "\"authentication required\",\"detail\":null}]}");
        return;
      }
      issued.add(new Issued(ex.getRequestMethod(), user == null ? "" : user, scopes, 200));
      String jwt = sign(user, scopes);
      send(ex, 200, "{\"" + tokenField + "\":\"" + jwt + "\",\"expires_in\":" + lifetimeSeconds
          + ",\"issued_at\":\"" + Instant.now() + "\"}");
    }
  }

  private String sign(String user, List<String> scopes) throws IOException {
    long now = Instant.now().getEpochSecond();
    StringBuilder access = new StringBuilder("[");
    for (String sc : scopes) {
      String[] p = sc.split(":");
      if (p.length != 3 || !p[0].equals("repository")) {
        continue;
      }
      List<String> actions = new ArrayList<>();
      for (String a : p[2].split(",")) {
        if (user != null || (anonymousPull && a.equals("pull"))) {
          actions.add("\"" + a + "\"");
        }
      }
      if (access.length() > 1) {
        access.append(',');
      }
      access.append("{\"type\":\"repository\",\"name\":\"").append(p[1])
          .append("\",\"actions\":[").append(String.join(",", actions)).append("]}");
    }
    access.append(']');
    String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + x5c + "\"]}";
    String claims = "{\"iss\":\"" + issuer() + "\",\"sub\":\"" + (user == null ? "" : user)
        + "\",\"aud\":\"" + service() + "\",\"exp\":" + (now + lifetimeSeconds) + ",\"nbf\":"
        + (now - 1) + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID() + "\",\"access\":"
        + access + "}";
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signing = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(signing.getBytes(StandardCharsets.US_ASCII));
      return signing + "." + b64.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign: " + e.getMessage(), e);
    }
  }

  private static void parse(String query, Map<String, List<String>> into) {
    if (query == null || query.isEmpty()) {
      return;
    }
    for (String kv : query.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      into.computeIfAbsent(k, x -> new CopyOnWriteArrayList<>()).add(v);
    }
  }

  private static String first(Map<String, List<String>> params, String key) {
    List<String> v = params.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }
}
