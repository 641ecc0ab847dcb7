package dev.hangar.internal.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JarFileNameTest {
  @Test
  void parsesVendorTypeAndName() {
    assertThat(JarFileName.parse("d7y-resource-plugin-d7yfs.jar"))
        .contains(new JarFileName("d7y", "resource", "d7yfs"));
    assertThat(JarFileName.parse("acme-greeter-plugin-my-name.jar"))
        .contains(new JarFileName("acme", "greeter", "my-name"));
    assertThat(JarFileName.parse("d7y-resource-plugin-d7yfs.jar").orElseThrow().key())
        .isEqualTo("resource/d7yfs");
  }

  @Test
  void refusesOtherNames() {
    assertThat(JarFileName.parse("d7yfs.jar")).isEmpty();
    assertThat(JarFileName.parse("d7y-resource-d7yfs.jar")).isEmpty();
    assertThat(JarFileName.parse("d7y-resource-plugin-.jar")).isEmpty();
    assertThat(JarFileName.parse("d7y-resource-plugin-x.zip")).isEmpty();
    assertThat(JarFileName.parse("-resource-plugin-x.jar")).isEmpty();
  }

  @Test
  void agreesWithTheRegularExpressionOnRandomNames() {
    Pattern re = Pattern.compile(
        "([A-Za-z0-9_.]+)-([A-Za-z0-9_.]+)-plugin-([A-Za-z0-9_.][A-Za-z0-9_.-]*)\\.jar");
    String[] segs = {"a", "Z9", "_", ".", "-", "plugin", "x-y", "x y", "é", ""};
    String[][] shape = {segs, {"-", "", "--"}, segs, {"-plugin-", "-plugin", "-", "-plugin--"},
        segs, segs, {".jar", "jar", ".jar.jar", ".JAR", ""}};
    Random random = new Random(42);
    int matched = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      for (String[] choices : shape) {
        b.append(choices[random.nextInt(choices.length)]);
      }
      String name = b.toString();
      Matcher m = re.matcher(name);
      Optional<JarFileName> want = m.matches()
          ? Optional.of(new JarFileName(m.group(1), m.group(2), m.group(3))) : Optional.empty();
      assertThat(JarFileName.parse(name)).as(name).isEqualTo(want);
      matched += want.isPresent() ? 1 : 0;
    }
    assertThat(matched).isGreaterThan(100);
  }
}
