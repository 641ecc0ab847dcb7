package dev.hangar.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarBuilderTest {
  @TempDir Path dir;

  @Test
  void compilesSourcesAndWritesManifestServicesLibrariesAndEntries() throws Exception {
    PluginJarBuilder lib = PluginJarBuilder.create()
        .source("l.Lib", "package l; public final class Lib { public static String v() { return \"2\"; } }");
    Path jar = PluginJarBuilder.create()
        .apiVersion("1.0")
        .manifest("X-Extra", "yes")
        .library("lib-2.jar", lib)
        .source("p.Main", "package p; public final class Main implements java.util.function.Supplier<String> {"
            + " public String get() { return l.Lib.v(); } }")
        .service("java.util.function.Supplier", "p.Main")
        .pluginInit("p.Main")
        .entry("data/hello.txt", "hello")
        .writeTo(dir.resolve("sub/acme-x-plugin-y.jar"));

    try (JarFile jf = new JarFile(jar.toFile())) {
      assertThat(jf.getManifest().getMainAttributes().getValue("Hangar-Api-Version")).isEqualTo("1.0");
      assertThat(jf.getManifest().getMainAttributes().getValue("X-Extra")).isEqualTo("yes");
      assertThat(jf.getEntry("p/Main.class")).isNotNull();
      assertThat(jf.getEntry("l/Lib.class")).as("library classes stay in the library").isNull();
      assertThat(new String(jf.getInputStream(jf.getEntry("META-INF/services/dev.hangar.api.PluginInit"))
          .readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("p.Main\n");
      assertThat(new String(jf.getInputStream(jf.getEntry("data/hello.txt")).readAllBytes(),
          StandardCharsets.UTF_8)).isEqualTo("hello");
      Path nested = dir.resolve("nested.jar");
      Files.write(nested, jf.getInputStream(jf.getEntry("lib/lib-2.jar")).readAllBytes());
      try (URLClassLoader cl = new URLClassLoader(
          new URL[] {jar.toUri().toURL(), nested.toUri().toURL()}, null)) {
        Object o = cl.loadClass("p.Main").getConstructor().newInstance();
        assertThat(((java.util.function.Supplier<?>) o).get()).isEqualTo("2");
      }
    }
  }

  @Test
  void compilesAgainstAGivenClassPath() throws Exception {
    Path api = PluginJarBuilder.create()
        .source("api.Greeter", "package api; public interface Greeter { String greet(); }")
        .writeTo(dir.resolve("api.jar"));
    Path jar = PluginJarBuilder.create().classPath(List.of(api))
        .source("p.G", "package p; public final class G implements api.Greeter {"
            + " public String greet() { return \"hi\"; } }")
        .writeTo(dir.resolve("g.jar"));
    try (JarFile jf = new JarFile(jar.toFile())) {
      assertThat(jf.getEntry("p/G.class")).isNotNull();
      assertThat(jf.getEntry("api/Greeter.class")).isNull();
    }
    assertThat(PluginJarBuilder.classPathOf(PluginJarBuilder.class)).hasSize(1);
  }

  @Test
  void reportsCompileErrors() {
    assertThatThrownBy(() -> PluginJarBuilder.create().source("p.Bad", "package p; class Bad { int x = ; }")
        .toBytes()).isInstanceOf(IllegalStateException.class).hasMessageContaining("p/Bad.java");
  }

  @Test
  void writesRawBytes() throws Exception {
    Path f = PluginJarBuilder.create().raw(new byte[] {1, 2, 3}).writeTo(dir.resolve("c.jar"));
    assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
  }
}
