package dev.hangar.examples.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.api.Loaded;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ShaPluginInitTest {

  @Test
  @SuppressWarnings("unchecked")
  void defaultIsSha256OfTheUtf8Bytes() {
    Loaded loaded = new ShaPluginInit().init(Map.of());
    assertThat(loaded.attributes()).containsEntry("type", "hasher").containsEntry("name", "sha");
    Function<String, String> f = (Function<String, String>) loaded.implementation();
    assertThat(f.apply("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void algorithmOptionPicksTheDigestAndUnknownOnesAreRefused() {
    Loaded loaded = new ShaPluginInit().init(Map.of("algorithm", "SHA-1"));
    assertThat(((HexDigest) loaded.implementation()).apply("abc"))
        .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    assertThatThrownBy(() -> new ShaPluginInit().init(Map.of("algorithm", "nope")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown algorithm 'nope'");
  }
}
