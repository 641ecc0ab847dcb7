package dev.hangar.managed.internal.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Docker's normalisation cases, from distribution/reference's own tests and section 4.9 of the
 * reference doc. Expected values were produced by the Go library (v0.6.0); a result starting
 * with {@code !} is the expected error message.
 */
class ReferencesTest {
  private static final String HEX = "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";
  private static final String LOWER = "invalid reference format: repository name (%s) must be lowercase";
  private static final String BAD = "!invalid reference format";

  record Case(String input, String normalized, String qualified) {
    @Override
    public String toString() {
      return input.length() > 60 ? input.substring(0, 60) + "…" : '"' + input + '"';
    }
  }

  private static Case c(String input, String normalized, String qualified) {
    return new Case(input, normalized, qualified);
  }

  private static Case bad(String input) {
    return c(input, BAD, BAD);
  }

  private static Case badBoth(String input, String message) {
    return c(input, "!" + message, "!" + message);
  }

  static Stream<Case> cases() {
    return Stream.of(
        c("vieux/sshfs", "vieux/sshfs:latest", "docker.io/vieux/sshfs:latest"),
        c("vieux/sshfs:latest", "vieux/sshfs:latest", "docker.io/vieux/sshfs:latest"),
        c("docker.io/library/foo", "foo:latest", "docker.io/library/foo:latest"),
        c("docker.io/foo", "foo:latest", "docker.io/library/foo:latest"),
        c("index.docker.io/foo", "foo:latest", "docker.io/library/foo:latest"),
        c("index.docker.io/library/foo:1.0", "foo:1.0", "docker.io/library/foo:1.0"),
        c("library/foo", "foo:latest", "docker.io/library/foo:latest"),
        c("library/foo/bar", "library/foo/bar:latest", "docker.io/library/foo/bar:latest"),
        c("docker.io/library/foo/bar", "library/foo/bar:latest",
            "docker.io/library/foo/bar:latest"),
        c("foo", "foo:latest", "docker.io/library/foo:latest"),
        c("localhost/p", "localhost/p:latest", "localhost/p:latest"),
        c("localhost:5000/p", "localhost:5000/p:latest", "localhost:5000/p:latest"),
        c("localhost:5000/p:1.0", "localhost:5000/p:1.0", "localhost:5000/p:1.0"),
        c("127.0.0.1:5000/team/vol:1.0", "127.0.0.1:5000/team/vol:1.0",
            "127.0.0.1:5000/team/vol:1.0"),
        c("192.168.0.1", "192.168.0.1:latest", "docker.io/library/192.168.0.1:latest"),
        c("192.168.0.1:80", "192.168.0.1:80", "docker.io/library/192.168.0.1:80"),
        c("192.168.0.1:8/debian", "192.168.0.1:8/debian:latest", "192.168.0.1:8/debian:latest"),
        c("[fc00::1]:5000/docker", "[fc00::1]:5000/docker:latest",
            "[fc00::1]:5000/docker:latest"),
        c("[2001:db8::1]/repo", "[2001:db8::1]/repo:latest", "[2001:db8::1]/repo:latest"),
        bad("[2001:db8::1]"),
        bad("[fe80::1%eth0]:5000/repo"),
        bad("fc00::1:5000/debian"),
        c("example.com:8000/private/moonbase", "example.com:8000/private/moonbase:latest",
            "example.com:8000/private/moonbase:latest"),
        c("xn--n3h.com:18080/foo", "xn--n3h.com:18080/foo:latest",
            "xn--n3h.com:18080/foo:latest"),
        c("test_com/foo", "test_com/foo:latest", "docker.io/test_com/foo:latest"),
        c("test-com:8080/foo", "test-com:8080/foo:latest", "test-com:8080/foo:latest"),
        // The domain is not a valid host, so Go keeps the whole name as a domain-less path.
        c("foo_bar.com/x", "foo_bar.com/x:latest", "foo_bar.com/x:latest"),
        c("foo_bar.com:8080", "foo_bar.com:8080", "docker.io/library/foo_bar.com:8080"),
        // Separators: one '.', one or two '_', any number of '-'.
        c("dock__er/docker", "dock__er/docker:latest", "docker.io/dock__er/docker:latest"),
        c("docker---rules/docker", "docker---rules/docker:latest",
            "docker.io/docker---rules/docker:latest"),
        c("d/docker", "d/docker:latest", "docker.io/d/docker:latest"),
        c("a.b/c-d_e__f.g", "a.b/c-d_e__f.g:latest", "a.b/c-d_e__f.g:latest"),
        bad("a/b-+c"),
        bad("a/b+c"),
        bad("a/b___c"),
        bad("dock..er/docker"),
        bad("dock_.er/docker"),
        bad("dock-.er/docker"),
        bad("____/____"),
        bad("_docker/_docker"),
        bad("-docker"),
        bad("docker-/docker"),
        bad("docker///docker"),
        bad("docker/"),
        bad("https://github.com/docker/docker"),
        // An upper-case first component is taken for a domain (Go's FIXME), so it passes.
        c("Docker/docker", "Docker/docker:latest", "Docker/docker:latest"),
        c("DOCKER/docker", "DOCKER/docker:latest", "DOCKER/docker:latest"),
        badBoth("Foo", LOWER.formatted("library/Foo")),
        badBoth("docker/Docker", LOWER.formatted("docker/Docker")),
        badBoth("docker.io/docker/Docker", LOWER.formatted("docker/Docker")),
        badBoth("Uppercase:tag", LOWER.formatted("library/Uppercase")),
        badBoth("test:5000/Uppercase/lowercase:tag", LOWER.formatted("Uppercase/lowercase")),
        c("lowercase:Uppercase", "lowercase:Uppercase", "docker.io/library/lowercase:Uppercase"),
        bad("foo:"),
        bad("foo::bar"),
        bad(":justtag"),
        bad("foo:-tag"),
        bad("foo:.tag"),
        c("foo:_tag", "foo:_tag", "docker.io/library/foo:_tag"),
        c("foo:" + "t".repeat(128), "foo:" + "t".repeat(128),
            "docker.io/library/foo:" + "t".repeat(128)),
        bad("foo:" + "t".repeat(129)),
        c("foo@sha256:" + HEX, "!cannot use digest in plugin tag",
            "docker.io/library/foo@sha256:" + HEX),
        c("busybox:latest@sha256:" + HEX, "!cannot use digest in plugin tag",
            "docker.io/library/busybox@sha256:" + HEX),
        bad("@sha256:" + HEX),
        badBoth("repo@sha256:" + HEX.substring(0, 34), "invalid checksum digest length"),
        badBoth("validname@invaliddigest:" + HEX, "unsupported digest algorithm"),
        badBoth("repo@sha256:" + HEX.toUpperCase(), "invalid checksum digest format"),
        badBoth("validname@SHA256:" + HEX, LOWER.formatted("library/validname@SHA256")),
        badBoth(HEX, "invalid repository name (" + HEX
            + "), cannot specify 64-byte hexadecimal strings"),
        c("docker.io/" + HEX, HEX + ":latest", "docker.io/library/" + HEX + ":latest"),
        c(HEX.substring(1), HEX.substring(1) + ":latest",
            "docker.io/library/" + HEX.substring(1) + ":latest"),
        // Name length: the path (after the domain, with library/ filled in) is at most 255.
        c("a/".repeat(127) + "a:tag-puts-this-over-max", "a/".repeat(127)
            + "a:tag-puts-this-over-max", "docker.io/" + "a/".repeat(127)
            + "a:tag-puts-this-over-max"),
        badBoth("a/".repeat(128) + "a:tag", "repository name must not be more than 255 characters"),
        c("x".repeat(247), "x".repeat(247) + ":latest",
            "docker.io/library/" + "x".repeat(247) + ":latest"),
        badBoth("x".repeat(248), "repository name must not be more than 255 characters"),
        c("example.com/" + "x".repeat(255), "example.com/" + "x".repeat(255) + ":latest",
            "example.com/" + "x".repeat(255) + ":latest"),
        bad(""),
        bad(" "),
        bad("foo bar"),
        bad("/foo"),
        bad("aa/asdf$$^/aa"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void normalizeGivesDockersStoredName(Case c) {
    check(c.normalized(), () -> References.normalize(c.input()));
    assertThat(References.tryNormalize(c.input()))
        .isEqualTo(c.normalized().startsWith("!") ? Optional.empty()
            : Optional.of(c.normalized()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fullyQualifiedGivesTheRemoteReference(Case c) {
    check(c.qualified(), () -> References.fullyQualified(c.input()));
  }

  @Test
  void aNameNamesItsRegistryOnlyWhenItsFirstComponentIsADomainAndItParses() {
    for (String yes : List.of("127.0.0.1:5000/team/vol:1.0", "localhost/p", "localhost:5000/p",
        "registry.example/p:1", "docker.io/vieux/sshfs")) {
      assertThat(References.namesRegistry(yes)).as(yes).isTrue();
    }
    for (String no : List.of("vieux/sshfs", "sshfs", "abc123", HEX.substring(0, 12),
        "localhostx/p", "/p", "127.0.0.1:5000/Team/vol", "127.0.0.1:5000/p@sha256:" + HEX,
        "127.0.0.1:5000/")) {
      assertThat(References.namesRegistry(no)).as(no).isFalse();
    }
  }

  @Test
  void normalizingIsIdempotent() {
    for (Case c : cases().toList()) {
      if (!c.normalized().startsWith("!")) {
        assertThat(References.normalize(c.normalized())).as(c.input()).isEqualTo(c.normalized());
      }
    }
  }

  @Test
  void seededRandomStringsNeverThrowAnythingButHangarException() {
    Random random = new Random(4242);
    String alphabet = "abz09AZ._-/:@[]%$ \u00e9\u0130\u212a\u0000\n";
    List<String> pieces = List.of("localhost", "docker.io", "library", "sha256:", HEX, ":5000",
        "__", "--", "//", "::", "..");
    List<String> wrong = new ArrayList<>();
    int valid = 0;
    for (int i = 0; i < 10_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(12);
      for (int j = 0; j < n; j++) {
        if (random.nextInt(3) == 0) {
          b.append(pieces.get(random.nextInt(pieces.size())));
        } else {
          b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String s = b.toString();
      for (Function<String, String> f : List.<Function<String, String>>of(References::normalize,
          References::fullyQualified)) {
        try {
          String out = f.apply(s);
          valid++;
          if (out.isEmpty()) {
            wrong.add(s + " gave an empty name");
          }
        } catch (HangarException e) {
          if (e.code() != ErrorCode.INVALID_PLUGIN_NAME || e.getMessage().isBlank()) {
            wrong.add(s + " gave " + e.code() + " " + e.getMessage());
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(valid).as("some random strings are valid references").isGreaterThan(100);
  }

  @Test
  void longInputsThatDefeatBacktrackingRegexesAreRefused() {
    // Inputs that make a backtracking regular expression take exponential time.
    for (String s : List.of("a".repeat(100_000) + "!", "a-".repeat(50_000) + "_",
        "a.".repeat(50_000) + "/", "a/".repeat(50_000) + "A", "[" + ":".repeat(100_000))) {
      assertThatThrownBy(() -> References.normalize(s)).isInstanceOf(HangarException.class);
    }
  }

  private static void check(String expected, Supplier<String> call) {
    if (expected.startsWith("!")) {
      assertThatThrownBy(call::get).isInstanceOfSatisfying(HangarException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLUGIN_NAME);
        assertThat(e.getMessage()).isEqualTo(expected.substring(1));
      });
    } else {
      assertThat(call.get()).isEqualTo(expected);
    }
  }
}
