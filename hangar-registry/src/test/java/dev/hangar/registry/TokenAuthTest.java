package dev.hangar.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.testkit.TestPki;
import dev.hangar.testkit.registry.RegistryServer;
import dev.hangar.testkit.registry.TokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker's bearer-token flow against Debian's registry with {@code auth: token}, whose tokens
 * (RS256 JWTs with an {@code x5c} chain to the test CA) come from the testkit's token server.
 */
class TokenAuthTest {
  @TempDir static Path dir;
  static TokenServer tokens;
  static RegistryServer registry;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    TestPki pki = TestPki.create(dir.resolve("pki"));
    tokens = TokenServer.start(pki).user("alice", "s3cret", "alice-refresh-token")
        .allowAnonymousPull(true);
    registry = RegistryServer.builder(dir.resolve("registry")).token(tokens).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  private RegistryClient.Builder builder(CredentialSource creds) {
    return RegistryClient.builder().credentials(creds).certsDir(dir.resolve("no-certs"));
  }

  private CredentialSource alice() {
    return CredentialSource.of(registry.address(), new Credentials.Basic("alice", "s3cret"));
  }

  private Descriptor push(RegistryClient client, Repository repo, long seed) throws Exception {
    Path blob = TestImages.randomFile(Files.createTempDirectory(dir, "b"), "blob", 20_000, seed);
    Descriptor d = client.pushBlob(repo, blob, Optional.empty()).descriptor();
    client.pushManifest(repo.tag("1"), TestImages.manifest(MediaTypes.OCI_MANIFEST,
        Descriptor.of(MediaTypes.OCI_CONFIG, d.digest(), d.size()), List.of()));
    return d;
  }

  private long issuedFor(String scope) {
    return tokens.issued().stream().filter(i -> i.status() == 200 && i.scopes().contains(scope))
        .count();
  }

  @Test
  void aUserPushesAndPullsWithTokensFetchedOncePerScope() throws Exception {
    Repository repo = new Repository(registry.address(), "tok/cached");
    try (RegistryClient client = builder(alice()).build()) {
      Descriptor d = push(client, repo, 50);
      for (int i = 0; i < 3; i++) {
        assertThat(client.pullManifest(repo.tag("1")).config().digest()).isEqualTo(d.digest());
        assertThat(client.listTags(repo)).containsExactly("1");
      }
    }
    assertThat(issuedFor("repository:tok/cached:pull,push")).isEqualTo(1);
    assertThat(issuedFor("repository:tok/cached:pull")).isEqualTo(1);
    assertThat(tokens.issued()).filteredOn(i -> i.scopes().contains("repository:tok/cached:pull"))
        .extracting(TokenServer.Issued::user).containsOnly("alice");
  }

  @Test
  void anonymousCallersGetPullTokensButCannotPush() throws Exception {
    Repository repo = new Repository(registry.address(), "tok/public");
    try (RegistryClient writer = builder(alice()).build()) {
      push(writer, repo, 51);
    }
    try (RegistryClient anonymous = builder(CredentialSource.NONE).build()) {
      assertThat(anonymous.listTags(repo)).containsExactly("1");
      Path blob = TestImages.randomFile(Files.createTempDirectory(dir, "b"), "blob", 100, 52);
      assertThatThrownBy(() -> anonymous.pushBlob(repo, blob, Optional.empty()))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_AUTH))
          .hasMessageContaining(registry.address() + "/tok/public")
          .hasMessageContaining("no credentials for " + registry.address());
    }
  }

  @Test
  void wrongPasswordsAreRefusedByTheTokenEndpoint() {
    try (RegistryClient client = builder(CredentialSource.of(registry.address(),
        new Credentials.Basic("alice", "nope"))).build()) {
      assertThatThrownBy(() -> client.listTags(new Repository(registry.address(), "tok/x")))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_AUTH);
            assertThat(e.status()).contains(401);
          })
          .hasMessageContaining("token " + registry.address() + "/tok/x");
    }
  }

  @Test
  void anIdentityTokenIsExchangedWithTheRefreshTokenGrant() throws Exception {
    Repository repo = new Repository(registry.address(), "tok/identity");
    try (RegistryClient client = builder(CredentialSource.of(registry.address(),
        new Credentials.IdentityToken("alice-refresh-token"))).build()) {
      push(client, repo, 53);
    }
    assertThat(tokens.issued()).filteredOn(i -> i.scopes()
        .contains("repository:tok/identity:pull,push"))
        .extracting(TokenServer.Issued::method, TokenServer.Issued::user)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("POST", "alice"));
  }

  @Test
  void anAccessTokenFieldWorksAndAnExpiredTokenIsFetchedAgain() throws Exception {
    Repository repo = new Repository(registry.address(), "tok/expiry");
    try (RegistryClient writer = builder(alice()).build()) {
      push(writer, repo, 54);
    }
    tokens.useAccessTokenField(true).lifetime(120);
    SettableClock clock = new SettableClock();
    try (RegistryClient client = builder(alice()).clock(clock).build()) {
      client.listTags(repo);
      client.listTags(repo);
      assertThat(issuedFor("repository:tok/expiry:pull")).isEqualTo(1);
      clock.advance(Duration.ofSeconds(121));
      client.listTags(repo);
      assertThat(issuedFor("repository:tok/expiry:pull")).isEqualTo(2);
    } finally {
      tokens.useAccessTokenField(false).lifetime(300);
    }
  }

  /** A clock tests move by hand. */
  static final class SettableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
