package dev.hangar.bench.jar;

import dev.hangar.api.ApiVersion;
import dev.hangar.api.PluginInit;
import dev.hangar.testkit.PluginJarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import org.pf4j.Extension;
import org.pf4j.Plugin;

/**
 * Generates the benchmark's plugin JARs with the testkit's {@link PluginJarBuilder}: equivalent
 * Hangar and PF4J plugins, each with an entry point and one implementation that returns the
 * plugin's name (read from a resource of its own JAR, so the classes compile once and every JAR
 * is otherwise alike). Each JAR gets its own class loader when loaded, on both sides.
 */
public final class PluginJars {

  /** The Hangar plugin type of the generated plugins. */
  public static final String TYPE = "bench";

  private PluginJars() {}

  private static final String HANGAR_INIT = """
      package bench.h;
      public final class Init implements dev.hangar.api.PluginInit {
        public dev.hangar.api.Loaded init(java.util.Map<String, String> options) throws Exception {
          String name;
          try (var in = Init.class.getResourceAsStream("/bench/name")) {
            name = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          }
          return new dev.hangar.api.Loaded(new Hello(name), java.util.Map.of("type", "bench", "name", name));
        }
      }
      """;
  private static final String HANGAR_HELLO = """
      package bench.h;
      public final class Hello implements java.util.function.Supplier<String> {
        private final String name;
        Hello(String name) { this.name = name; }
        public String get() { return name; }
      }
      """;
  private static final String PF4J_PLUGIN = """
      package bench.p;
      public final class BenchPlugin extends org.pf4j.Plugin {
        public BenchPlugin() {}
      }
      """;
  private static final String PF4J_HELLO = """
      package bench.p;
      @org.pf4j.Extension
      public final class Hello implements dev.hangar.bench.jar.Greeter {
        private final String name;
        public Hello() {
          try (var in = Hello.class.getResourceAsStream("/bench/name")) {
            name = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        public String greet() { return name; }
      }
      """;

  /** The file name Hangar requires for plugin {@code i}. */
  public static String hangarFileName(int i) {
    return "bench-" + TYPE + "-plugin-p" + i + ".jar";
  }

  /** Writes {@code count} Hangar plugin JARs into {@code dir}. */
  public static void writeHangar(Path dir, int count) {
    Map<String, byte[]> classes = classesOf(PluginJarBuilder.create()
        .classPath(PluginJarBuilder.classPathOf(PluginInit.class))
        .source("bench.h.Init", HANGAR_INIT).source("bench.h.Hello", HANGAR_HELLO));
    for (int i = 0; i < count; i++) {
      PluginJarBuilder b = PluginJarBuilder.create().apiVersion(ApiVersion.CURRENT.toString())
          .pluginInit("bench.h.Init").entry("bench/name", "p" + i);
      classes.forEach(b::entry);
      b.writeTo(dir.resolve(hangarFileName(i)));
    }
  }

  /** Writes {@code count} PF4J plugin JARs (manifest descriptor, extensions.idx) into {@code dir}. */
  public static void writePf4j(Path dir, int count) {
    Map<String, byte[]> classes = classesOf(PluginJarBuilder.create()
        .classPath(PluginJarBuilder.classPathOf(Plugin.class, Extension.class, Greeter.class))
        .source("bench.p.BenchPlugin", PF4J_PLUGIN).source("bench.p.Hello", PF4J_HELLO));
    for (int i = 0; i < count; i++) {
      PluginJarBuilder b = PluginJarBuilder.create()
          .manifest("Plugin-Id", "p" + i).manifest("Plugin-Version", "1.0.0")
          .manifest("Plugin-Class", "bench.p.BenchPlugin")
          .entry("META-INF/extensions.idx", "bench.p.Hello\n").entry("bench/name", "p" + i);
      classes.forEach(b::entry);
      b.writeTo(dir.resolve("pf4j-plugin-p" + i + ".jar"));
    }
  }

  /** Compiles once and returns the class entries of the JAR. */
  private static Map<String, byte[]> classesOf(PluginJarBuilder builder) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(builder.toBytes()))) {
      for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
        if (e.getName().endsWith(".class")) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Deletes a directory tree, best effort. */
  public static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temp dir is harmless
    }
  }

  /** A fresh directory under the system temp dir. */
  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
