package dev.hangar.internal.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarContentsTest {
  @TempDir Path dir;

  @Test
  void mainAttributesAreFoundByAnyCaseAndContinuationLinesJoin() {
    String longValue = "x".repeat(150);
    Path jar = PluginJarBuilder.create().apiVersion("1.2").manifest("Long-One", longValue)
        .pluginInit("a.B").writeTo(dir.resolve("a-x-plugin-y.jar"));
    JarContents c = JarContents.read(jar);
    assertThat(c.mainAttribute("Hangar-Api-Version")).isEqualTo("1.2");
    assertThat(c.mainAttribute("hangar-api-version")).isEqualTo("1.2");
    assertThat(c.mainAttribute("Long-One")).isEqualTo(longValue);
    assertThat(c.mainAttribute("Absent")).isNull();
    assertThat(c.pluginInits()).containsExactly("a.B");
  }

  @Test
  void theFileIsReadOnceAndNotHeldOpen() throws Exception {
    Path jar = PluginJarBuilder.create().apiVersion("1.0").entry("conf/x.txt", "v1")
        .writeTo(dir.resolve("a-x-plugin-y.jar"));
    JarContents c = JarContents.read(jar);
    Files.delete(jar);
    assertThat(c.archives().get(0).read("conf/x.txt")).isEqualTo("v1".getBytes());
    assertThatThrownBy(() -> JarContents.read(jar)).isInstanceOf(LoadException.class)
        .hasMessageContaining("could not be read");
  }

  @Test
  void aCorruptBundledLibraryIsRefused() {
    Path jar = PluginJarBuilder.create().apiVersion("1.0")
        .entry("lib/bad.jar", "not a jar").writeTo(dir.resolve("a-x-plugin-y.jar"));
    assertThatThrownBy(() -> JarContents.read(jar)).isInstanceOf(LoadException.class)
        .hasMessageContaining("bundled library lib/bad.jar is not a valid JAR");
  }
}
