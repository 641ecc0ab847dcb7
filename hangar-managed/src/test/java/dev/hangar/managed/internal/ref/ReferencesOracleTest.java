package dev.hangar.managed.internal.ref;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.protocol.HangarException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link References} with Go's distribution/reference on 2,000 seeded random
 * references ({@code go-reference-oracle.tsv}, produced by the Go library, moby's vendored
 * v0.6.0): the same value or the same error message, for every one.
 */
class ReferencesOracleTest {
  @Test
  void agreesWithGoOnEveryRecordedReference() throws IOException {
    List<String> mismatches = new ArrayList<>();
    int rows = 0;
    try (InputStream in = Objects.requireNonNull(
            getClass().getResourceAsStream("go-reference-oracle.tsv"));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        assertThat(f).hasSize(3);
        rows++;
        compare(f[0], f[1], References::normalize, mismatches);
        compare(f[0], f[2], References::fullyQualified, mismatches);
      }
    }
    assertThat(rows).isEqualTo(2000);
    assertThat(mismatches).isEmpty();
  }

  private static void compare(String input, String expected, Function<String, String> f,
      List<String> mismatches) {
    String actual;
    try {
      actual = "OK " + f.apply(input);
    } catch (HangarException e) {
      actual = "ERR " + e.getMessage();
    }
    if (!actual.equals(expected)) {
      mismatches.add('"' + input + "\": Go " + expected + ", Java " + actual);
    }
  }
}
