package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.api.PluginInit;
import dev.hangar.protocol.internal.Json;
import dev.hangar.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JAR plugins through {@code ./hangar}: {@code plugin inspect} of a JAR plugin, and
 * {@code plugin validate --watch} reporting JARs as they are dropped in, replaced by a broken
 * one, and stopping cleanly on SIGTERM and SIGINT.
 */
class JarPluginCliEndToEndTest {
  private static final List<Path> API = PluginJarBuilder.classPathOf(PluginInit.class);
  private static final Duration LINE = Duration.ofSeconds(60); // includes a first-run build

  @TempDir Path root;

  private static PluginJarBuilder greeter(String pkg, String name) {
    return PluginJarBuilder.create().classPath(API).apiVersion("1.0")
        .source(pkg + ".Init", "package " + pkg + "; import dev.hangar.api.*; import java.util.*;"
            + " public final class Init implements PluginInit { public Loaded init(Map<String, String> o) {"
            + " return new Loaded(\"hi\", Map.of(\"type\", \"greeter\", \"name\", \"" + name
            + "\", \"vendor\", \"acme\")); } }")
        .pluginInit(pkg + ".Init");
  }

  /** Writes under a temporary name, then renames: the watcher never sees half a JAR. */
  private static void drop(byte[] bytes, Path target) throws Exception {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void inspectShowsAJarPluginAsJson() throws Exception {
    Path jar = greeter("e1", "hello").writeTo(root.resolve("plugins/acme-greeter-plugin-hello.jar"));
    HangarProcess.Result r = HangarProcess.run(root, null, "plugin", "inspect", "greeter/hello");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode o = Json.MAPPER.readTree(r.out());
    assertThat(o.get("kind").asText()).isEqualTo("jar");
    assertThat(o.get("name").asText()).isEqualTo("hello");
    assertThat(o.get("type").asText()).isEqualTo("greeter");
    assertThat(o.get("state").asText()).isEqualTo("loaded");
    assertThat(o.get("source").asText()).isEqualTo(jar.toString());
    assertThat(o.get("attributes").get("vendor").asText()).isEqualTo("acme");
  }

  @Test
  void validateWatchReportsADroppedJarThenABrokenReplacementAndStopsOnSigterm() throws Exception {
    Path plugins = Files.createDirectories(root.resolve("plugins"));
    Path jar = plugins.resolve("acme-greeter-plugin-w.jar");
    try (LiveProcess p = LiveProcess.hangar(root, "plugin", "validate", "--watch")) {
      int ready = p.await(0, l -> l.startsWith("(Ctrl-C"), LINE);
      assertThat(p.line(0)).isEqualTo("search plugins in " + plugins);
      drop(greeter("e2", "w").toBytes(), jar);
      int loaded = p.await(ready, l -> l.startsWith("loaded greeter plugin w, location: "
          + "acme-greeter-plugin-w.jar, attribute: {"), Duration.ofSeconds(20));
      drop(new byte[] {'P', 'K', 3, 4, 'x'}, jar);
      int refused = p.await(loaded, l -> l.startsWith("refused plugin, location: "
          + "acme-greeter-plugin-w.jar, error: "), Duration.ofSeconds(20));
      assertThat(p.line(refused)).endsWith("(the previous version keeps serving)");
      Files.delete(jar);
      p.await(refused, l -> l.equals("removed greeter plugin w, location: acme-greeter-plugin-w.jar"),
          Duration.ofSeconds(20));

      p.process().destroy(); // SIGTERM
      assertThat(p.waitFor(Duration.ofSeconds(20))).as(p.stderr()).isZero();
      assertThat(p.stderr()).isEmpty();
    }
  }

  @Test
  void validateWatchExitsZeroOnSigint() throws Exception {
    Files.createDirectories(root.resolve("plugins"));
    greeter("e3", "x").writeTo(root.resolve("plugins/acme-greeter-plugin-x.jar"));
    try (LiveProcess p = LiveProcess.hangar(root, "plugin", "validate", "--watch")) {
      int ready = p.await(0, l -> l.startsWith("(Ctrl-C"), LINE);
      assertThat(p.await(0, l -> l.startsWith("greeter plugin x, location: "), LINE)).isLessThan(ready);
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.process().pid())).start();
      assertThat(kill.waitFor()).isZero();
      assertThat(p.waitFor(Duration.ofSeconds(20))).as(p.stderr()).isZero();
    }
  }
}
