package dev.hangar.registry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChallengeTest {
  @Test
  void dockerHubsBearerChallengeIsParsed() {
    List<Challenge> c = Challenge.parse(List.of("Bearer realm=\"https://auth.docker.io/token\","
        + "service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\""));
    assertThat(c).containsExactly(new Challenge("bearer", Map.of(
        "realm", "https://auth.docker.io/token", "service", "registry.docker.io",
        "scope", "repository:library/alpine:pull")));
  }

  @Test
  void severalChallengesTokensAndEscapesAreParsed() {
    List<Challenge> c = Challenge.parse(List.of(
        "Basic realm=\"a \\\"quoted\\\" realm\", Bearer realm=x,error=insufficient_scope",
        "Negotiate"));
    assertThat(c).extracting(Challenge::scheme).containsExactly("basic", "bearer", "negotiate");
    assertThat(c.get(0).param("realm")).contains("a \"quoted\" realm");
    assertThat(c.get(1).params()).isEqualTo(Map.of("realm", "x", "error", "insufficient_scope"));
  }

  @Test
  void seededRandomChallengesRoundTrip() {
    Random r = new Random(7);
    String chars = "abcdefghijklmnopqrstuvwxyz0123456789:/.,=\" \\-_";
    for (int i = 0; i < 300; i++) {
      Map<String, String> params = new java.util.LinkedHashMap<>();
      int n = 1 + r.nextInt(4);
      for (int p = 0; p < n; p++) {
        StringBuilder v = new StringBuilder();
        int len = r.nextInt(20);
        for (int k = 0; k < len; k++) {
          v.append(chars.charAt(r.nextInt(chars.length())));
        }
        params.put("k" + p, v.toString());
      }
      StringBuilder header = new StringBuilder("Bearer ");
      params.forEach((k, v) -> header.append(k).append("=\"")
          .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\","));
      header.setLength(header.length() - 1);
      assertThat(Challenge.parse(List.of(header.toString())))
          .as(header.toString()).containsExactly(new Challenge("bearer", params));
    }
  }

  @Test
  void garbageGivesNoChallengeRatherThanAnError() {
    assertThat(Challenge.parse(List.of("", " , ", "=\"\""))).allMatch(c -> !c.scheme().isEmpty());
  }
}
