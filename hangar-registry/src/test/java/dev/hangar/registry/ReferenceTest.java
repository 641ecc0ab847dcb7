package dev.hangar.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceTest {
  private static final Digest D = Digest.of(new byte[] {1});

  @Test
  void referencesAreNormalisedAsDockerDoes() {
    assertThat(Reference.parse("alpine")).isEqualTo(
        Reference.ofTag("docker.io", "library/alpine", "latest"));
    assertThat(Reference.parse("user/img:1.0")).isEqualTo(
        Reference.ofTag("docker.io", "user/img", "1.0"));
    assertThat(Reference.parse("127.0.0.1:5000/plugins/vol")).isEqualTo(
        Reference.ofTag("127.0.0.1:5000", "plugins/vol", "latest"));
    assertThat(Reference.parse("localhost/a:b")).isEqualTo(
        Reference.ofTag("localhost", "a", "b"));
    assertThat(Reference.parse("reg.example/a/b@" + D)).isEqualTo(
        Reference.ofDigest("reg.example", "a/b", D));
    Reference both = Reference.parse("reg.example:443/a:t@" + D);
    assertThat(both.tag()).contains("t");
    assertThat(both.digest()).contains(D);
    assertThat(both.reference()).isEqualTo(D.toString());
    assertThat(both.toString()).isEqualTo("reg.example:443/a:t@" + D);
  }

  @Test
  void badReferencesAreRefusedNamingThem() {
    for (String bad : new String[] {"UPPER/case:x:y", "a//b", "reg.example/-a", "a:bad tag",
        "a@sha256:abc", "reg.example/a:" + "t".repeat(129), ""}) {
      assertThatThrownBy(() -> Reference.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void seededRandomReferencesSurviveAPrintAndParse() {
    Random r = new Random(42);
    String alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
    String[] seps = {".", "_", "__", "-", "--"};
    for (int i = 0; i < 500; i++) {
      StringBuilder repo = new StringBuilder();
      int parts = 1 + r.nextInt(3);
      for (int p = 0; p < parts; p++) {
        if (p > 0) {
          repo.append('/');
        }
        repo.append(alnum.charAt(r.nextInt(alnum.length())));
        if (r.nextBoolean()) {
          repo.append(seps[r.nextInt(seps.length)]).append(alnum.charAt(r.nextInt(26)));
        }
      }
      String registry = r.nextBoolean() ? "127.0.0.1:" + (1 + r.nextInt(65535))
          : "reg" + r.nextInt(100) + ".example";
      Optional<String> tag = r.nextBoolean() ? Optional.of("v" + r.nextInt(1000) + "_x.y-z")
          : Optional.empty();
      Optional<Digest> digest = tag.isEmpty() || r.nextBoolean()
          ? Optional.of(Digest.of(new byte[] {(byte) i})) : Optional.empty();
      Reference ref = new Reference(registry, repo.toString(), tag, digest);
      assertThat(Reference.parse(ref.toString())).as(ref.toString()).isEqualTo(ref);
    }
  }

  @Test
  void digestsAreSha256Only() {
    assertThat(Digest.parse(D.toString())).isEqualTo(D);
    assertThat(Digest.isDigest("sha512:" + "a".repeat(128))).isFalse();
    assertThatThrownBy(() -> Digest.parse("sha256:" + "A".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
