package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.api.PluginInit;
import dev.hangar.protocol.internal.Json;
import dev.hangar.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugin inspect} across socket and JAR plugins. */
class PluginInspectCommandTest {
  private static final List<Path> API = PluginJarBuilder.classPathOf(PluginInit.class);

  @TempDir Path root;
  private Path jar;

  private static PluginJarBuilder plugin(String pkg, String type, String name) {
    return PluginJarBuilder.create().classPath(API).apiVersion("1.0")
        .source(pkg + ".Init", "package " + pkg + "; import dev.hangar.api.*; import java.util.*;"
            + " public final class Init implements PluginInit { public Loaded init(Map<String, String> o) {"
            + " return new Loaded(\"impl\", Map.of(\"type\", \"" + type + "\", \"name\", \"" + name
            + "\", \"vendor\", \"acme\")); } }")
        .pluginInit(pkg + ".Init");
  }

  @BeforeEach
  void jars() throws Exception {
    jar = plugin("i1", "greeter", "hello").writeTo(root.resolve("plugins/acme-greeter-plugin-hello.jar"));
  }

  @Test
  void inspectShowsAJarPluginWithTheKeysOfLsPlusSource() throws Exception {
    CliTest.Run r = CliTest.run(root, null, "plugin", "inspect", "hello");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode o = Json.MAPPER.readTree(r.out());
    assertThat(o.get("name").asText()).isEqualTo("hello");
    assertThat(o.get("kind").asText()).isEqualTo("jar");
    assertThat(o.get("type").asText()).isEqualTo("greeter");
    assertThat(o.get("address").asText()).isEqualTo(jar.toString());
    assertThat(o.get("source").asText()).isEqualTo(jar.toString());
    assertThat(o.get("state").asText()).isEqualTo("loaded");
    assertThat(o.get("error").isNull()).isTrue();
    assertThat(o.get("implements").get(0).asText()).isEqualTo("greeter");
    assertThat(o.get("attributes").get("vendor").asText()).isEqualTo("acme");
    assertThat(o.get("warnings")).isEmpty();

    CliTest.Run ls = CliTest.run(root, null, "plugin", "ls", "--format", "json");
    JsonNode listed = Json.MAPPER.readTree(ls.out()).get(0);
    listed.fieldNames().forEachRemaining(k -> assertThat(o.has(k)).as(k).isTrue());
  }

  @Test
  void aRefusedJarIsShownWithItsError() throws Exception {
    Files.write(root.resolve("plugins/acme-greeter-plugin-broken.jar"), new byte[0]);
    CliTest.Run r = CliTest.run(root, null, "plugin", "inspect", "broken");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode o = Json.MAPPER.readTree(r.out());
    assertThat(o.get("state").asText()).isEqualTo("failed");
    assertThat(o.get("error").asText()).contains("acme-greeter-plugin-broken.jar");
  }

  @Test
  void typeSlashNamePicksOneOfTwoJarsOfTheSameName() throws Exception {
    plugin("i2", "hasher", "hello").writeTo(root.resolve("plugins/acme-hasher-plugin-hello.jar"));
    CliTest.Run both = CliTest.run(root, null, "plugin", "inspect", "hello");
    assertThat(both.exit()).as(both.toString()).isEqualTo(2);
    assertThat(both.err()).contains("plugin hello is ambiguous")
        .contains("jar plugin greeter/hello (" + jar + ")")
        .contains("jar plugin hasher/hello (").contains("TYPE/NAME");

    CliTest.Run r = CliTest.run(root, null, "plugin", "inspect", "hasher/hello");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Json.MAPPER.readTree(r.out()).get("type").asText()).isEqualTo("hasher");
  }

  @Test
  void aSocketAndAJarPluginOfOneNameAreAmbiguousUntilKindPicksOne() throws Exception {
    Path spec = root.resolve("specs/hello.spec");
    Files.createDirectories(spec.getParent());
    Files.writeString(spec, "tcp://127.0.0.1:9\n");
    CliTest.Run r = CliTest.run(root, null, "--retry", "0", "plugin", "inspect", "hello");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("it names 2 plugins")
        .contains("socket plugin hello (" + spec + ")")
        .contains("jar plugin greeter/hello (" + jar + ")")
        .contains("--kind (socket, jar, exec, managed)");

    CliTest.Run j = CliTest.run(root, null, "plugin", "inspect", "--kind", "jar", "hello");
    assertThat(j.exit()).as(j.toString()).isZero();
    assertThat(Json.MAPPER.readTree(j.out()).get("kind").asText()).isEqualTo("jar");

    CliTest.Run s = CliTest.run(root, null, "--retry", "0", "--timeout", "2s", "plugin",
        "inspect", "--kind", "socket", "hello");
    assertThat(s.exit()).as(s.toString()).isZero();
    JsonNode o = Json.MAPPER.readTree(s.out());
    assertThat(o.get("kind").asText()).isEqualTo("socket");
    assertThat(o.get("state").asText()).as("nothing listens on port 9").isEqualTo("failed");
  }

  @Test
  void anUnknownNameNamesTheDirsSearched() {
    CliTest.Run r = CliTest.run(root, null, "plugin", "inspect", "nosuch");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: plugin nosuch not found: ")
        .contains("no socket in [" + root.resolve("sockets") + "]")
        .contains("no JAR plugin in [" + root.resolve("plugins") + ", "
            + root.resolve("managed/jars") + "]")
        .contains("no exec plugin declared in [" + root.resolve("exec") + "] nor installed in ["
            + root.resolve("managed/exec") + "]");
  }

  @Test
  void typeSlashNameCannotGoWithAnotherKindAndBadNamesAreRefused() {
    CliTest.Run r = CliTest.run(root, null, "plugin", "inspect", "--kind", "socket", "greeter/hello");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("names a JAR plugin");
    CliTest.Run bad = CliTest.run(root, null, "plugin", "inspect", "../etc/passwd");
    assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err()).contains("../etc/passwd");
  }
}
