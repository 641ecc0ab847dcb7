package dev.hangar.registry.internal.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.registry.Digest;
import dev.hangar.registry.sign.SimpleSigningPayload;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The signed payload: written as cosign writes it, read strictly; ECDSA over its exact bytes. */
class PayloadsTest {
  private static final Digest D = Digest.of("manifest".getBytes(StandardCharsets.UTF_8));

  @Test
  void aWrittenPayloadReadsBack() {
    byte[] p = Payloads.write("127.0.0.1:5000/plugins/vol", D, Map.of("creator", "Hangar"));
    assertThat(new String(p, StandardCharsets.UTF_8)).startsWith(
        "{\"critical\":{\"identity\":{\"docker-reference\":\"127.0.0.1:5000/plugins/vol\"},"
            + "\"image\":{\"docker-manifest-digest\":\"" + D + "\"},"
            + "\"type\":\"cosign container image signature\"}");
    SimpleSigningPayload s = Payloads.parse(p);
    assertThat(s.dockerReference()).isEqualTo("127.0.0.1:5000/plugins/vol");
    assertThat(s.manifestDigest()).isEqualTo(D);
    assertThat(s.optional()).containsExactly(Map.entry("creator", "Hangar"));
    assertThat(Payloads.parse(Payloads.write("r/x", D, Map.of())).optional()).isEmpty();
  }

  @Test
  void containersImageStyleOptionalEntriesAreKeptAsText() {
    String json = "{\"critical\":{\"identity\":{\"docker-reference\":\"example.org/a:1\"},"
        + "\"image\":{\"docker-manifest-digest\":\"" + D + "\"},\"type\":\""
        + SimpleSigningPayload.TYPE + "\"},\"optional\":{\"creator\":\"containers/image\","
        + "\"timestamp\":1700000000,\"nested\":{\"x\":1}}}";
    assertThat(Payloads.parse(json.getBytes(StandardCharsets.UTF_8)).optional())
        .containsEntry("timestamp", "1700000000").containsEntry("creator", "containers/image")
        .doesNotContainKey("nested");
  }

  @Test
  void ambiguousOrUnknownClaimsAreRefused() {
    String good = new String(Payloads.write("r/x", D, Map.of()), StandardCharsets.UTF_8);
    assertRefused(good.replace("{\"critical\":{", "{\"critical\":{\"type\":\"x\","),
        "Duplicate field 'type'");
    assertRefused(good.replace("\"type\":", "\"expires\":1,\"type\":"),
        "critical has an unknown key \"expires\"");
    assertRefused(good.replace(",\"optional\":null", ",\"optional\":null,\"more\":1"),
        "unknown key \"more\"");
    assertRefused(good.replace("cosign container image signature", "atomic container signature"),
        "critical.type is \"atomic container signature\"");
    assertRefused(good.replace("\"" + D + "\"", "\"sha512:00\""), "not a sha256 digest");
    assertRefused(good.replace("\"r/x\"", "7"), "docker-reference is missing or not a string");
    assertRefused("[]", "the payload is not a JSON object");
    assertRefused("{\"critical\":", "not JSON");
  }

  @Test
  void noSeededMutationOfThePayloadOrSignatureVerifies() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
    seeded.setSeed(61);
    g.initialize(new ECGenParameterSpec("secp256r1"), seeded);
    KeyPair kp = g.generateKeyPair();
    byte[] payload = Payloads.write("example.org/plugins/vol", D, Map.of());
    byte[] sig = Ecdsa.sign(kp.getPrivate(), payload);
    assertThat(Ecdsa.verify(kp.getPublic(), payload, sig)).isTrue();
    Random r = new Random(62);
    for (int i = 0; i < 300; i++) {
      byte[] p = payload.clone();
      byte[] s = sig.clone();
      if (r.nextBoolean()) {
        p[r.nextInt(p.length)] ^= (byte) (1 + r.nextInt(255));
      } else {
        s[r.nextInt(s.length)] ^= (byte) (1 + r.nextInt(255));
      }
      assertThat(Ecdsa.verify(kp.getPublic(), p, s)).as("mutation %d", i).isFalse();
    }
  }

  private static void assertRefused(String json, String problem) {
    assertThatThrownBy(() -> Payloads.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
  }
}
