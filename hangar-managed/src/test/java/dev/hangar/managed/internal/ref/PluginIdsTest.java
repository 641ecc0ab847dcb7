package dev.hangar.managed.internal.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginIdsTest {
  private static final String ID = "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a";

  @Test
  void randomIdsAreFullIdsAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = PluginIds.random();
      assertThat(id).hasSize(64).matches("[0-9a-f]{64}");
      assertThat(PluginIds.isFullId(id)).isTrue();
      assertThat(seen.add(id)).as("duplicate %s", id).isTrue();
    }
  }

  @Test
  void aFullIdIsExactly64LowerCaseHexCharacters() {
    assertThat(PluginIds.isFullId(ID)).isTrue();
    assertThat(PluginIds.isFullId(ID.substring(1))).isFalse();
    assertThat(PluginIds.isFullId(ID + "0")).isFalse();
    assertThat(PluginIds.isFullId(ID.toUpperCase())).isFalse();
    assertThat(PluginIds.isFullId(ID.substring(1) + "g")).isFalse();
    assertThat(PluginIds.isFullId("")).isFalse();
    assertThat(PluginIds.isFullId(null)).isFalse();
  }

  @Test
  void aPulledPluginsIdIsTheSha256OfItsNameAndManifestDigest() {
    String digest = "sha256:" + "ab".repeat(32);
    String id = PluginIds.pulled("localhost:5000/x:1", digest);
    // printf '%s' 'localhost:5000/x:1@sha256:abab...' | sha256sum
    assertThat(id).isEqualTo(sha256("localhost:5000/x:1@" + digest));
    assertThat(PluginIds.isFullId(id)).isTrue();
    assertThat(PluginIds.pulled("localhost:5000/y:1", digest)).isNotEqualTo(id);
    assertThat(PluginIds.pulled("localhost:5000/x:1", "sha256:" + "cd".repeat(32)))
        .isNotEqualTo(id);
  }

  private static String sha256(String s) {
    try {
      Process p = new ProcessBuilder("sha256sum").start();
      try (var out = p.getOutputStream()) {
        out.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      String line = new String(p.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.US_ASCII);
      p.waitFor();
      return line.substring(0, 64);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
