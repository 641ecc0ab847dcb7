package dev.hangar.internal.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.api.PluginInit;
import dev.hangar.testkit.PluginJarBuilder;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginClassLoaderTest {
  @TempDir Path dir;

  private PluginClassLoader loader() {
    PluginJarBuilder lib = PluginJarBuilder.create()
        .source("javax.extra.Thing", "package javax.extra; public final class Thing {}")
        .entry("conf/app.txt", "from lib");
    Path jar = PluginJarBuilder.create()
        .classPath(PluginJarBuilder.classPathOf(PluginInit.class))
        .source("p.Own", "package p; public final class Own {}")
        // a bundled copy of a JDK package is never used (these bytes would not even define)
        .entry("org/w3c/dom/Node.class", "not a class")
        .entry("conf/app.txt", "from plugin")
        .library("extra.jar", lib)
        .writeTo(dir.resolve("a-x-plugin-y.jar"));
    return new PluginClassLoader(jar, JarContents.read(jar));
  }

  @Test
  void apiAndJdkClassesComeFromTheHostOthersFromThePlugin() throws Exception {
    try (PluginClassLoader l = loader()) {
      assertThat(l.loadClass("dev.hangar.api.PluginInit")).isSameAs(PluginInit.class);
      assertThat(l.loadClass("java.lang.String")).isSameAs(String.class);
      assertThat(l.loadClass("javax.net.ssl.SSLContext")).isSameAs(javax.net.ssl.SSLContext.class);
      assertThat(l.loadClass("javax.extra.Thing").getClassLoader()).as("javax.* the JDK lacks")
          .isSameAs(l);
      assertThat(l.loadClass("p.Own").getClassLoader()).isSameAs(l);
      assertThat(l.loadClass("org.w3c.dom.Node")).isSameAs(org.w3c.dom.Node.class);
      assertThatThrownBy(() -> l.loadClass("dev.hangar.PluginHost"))
          .isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> l.loadClass("org.junit.jupiter.api.Test"))
          .isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void aMissingJdkOrApiClassIsNotFoundEveryTimeNotRemembered() throws Exception {
    try (PluginClassLoader a = loader(); PluginClassLoader b = loader()) {
      for (PluginClassLoader l : List.of(a, b, a)) {
        assertThatThrownBy(() -> l.loadClass("java.lang.NoSuchThing"))
            .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> l.loadClass("dev.hangar.api.NoSuchThing"))
            .isInstanceOf(ClassNotFoundException.class);
        assertThat(l.loadClass("java.util.Map")).isSameAs(java.util.Map.class);
      }
    }
  }

  @Test
  void resourcesComeFromThePluginThenItsLibraries() throws Exception {
    try (PluginClassLoader l = loader()) {
      try (InputStream in = l.getResourceAsStream("conf/app.txt")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from plugin");
      }
      List<URL> all = Collections.list(l.getResources("conf/app.txt"));
      assertThat(all).hasSize(2);
      try (InputStream in = all.get(1).openStream()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from lib");
      }
      assertThat(l.archiveOf("conf/app.txt")).isEqualTo("a-x-plugin-y.jar");
      assertThat(l.getResource("java/lang/String.class")).isNotNull();
    }
  }

  @Test
  void aClosedLoaderFindsNothingNew() throws Exception {
    PluginClassLoader l = loader();
    URL u = l.getResource("conf/app.txt");
    l.close();
    assertThatThrownBy(() -> l.loadClass("p.Own")).isInstanceOf(ClassNotFoundException.class);
    assertThat(l.getResource("conf/app.txt")).isNull();
    assertThatThrownBy(u::openStream).hasMessageContaining("gone");
  }

  @Test
  void codeSourceLocationIsTheFileUrlTheUriGivesForEveryPath() throws Exception {
    for (String name : List.of("a-x-plugin-y.jar", "a b-x-plugin-%20y.jar", "ä-x-plugin-#y.jar",
        "a-x-plugin-y+z=1,2@h~.jar")) {
      Path p = dir.resolve(name);
      assertThat(PluginClassLoader.location(p).toString())
          .isEqualTo(new URI("file", null, p.toAbsolutePath().toString(), null).toURL().toString());
      assertThat(Path.of(PluginClassLoader.location(p).toURI())).isEqualTo(p.toAbsolutePath());
    }
  }

  @Test
  void classesCarryTheJarAsTheirCodeSource() throws Exception {
    try (PluginClassLoader l = loader()) {
      assertThat(Path.of(l.loadClass("p.Own").getProtectionDomain().getCodeSource().getLocation()
          .toURI())).isEqualTo(dir.resolve("a-x-plugin-y.jar").toAbsolutePath());
    }
  }
}
