package dev.hangar.internal.jar;

import static org.assertj.core.api.Assertions.assertThat;

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
}
