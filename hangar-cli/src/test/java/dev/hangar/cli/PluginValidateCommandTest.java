package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.api.PluginInit;
import dev.hangar.protocol.internal.Json;
import dev.hangar.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugin validate} and the JAR plugins of {@code plugin ls}, through the CLI. */
class PluginValidateCommandTest {
  private static final List<Path> API = PluginJarBuilder.classPathOf(PluginInit.class);

  @TempDir Path root;

  private static PluginJarBuilder greeter(String pkg, String type, String name, String more) {
    return PluginJarBuilder.create().classPath(API).apiVersion("1.0")
        .source(pkg + ".Init", "package " + pkg + "; import dev.hangar.api.*; import java.util.*;"
            + " public final class Init implements PluginInit { public Loaded init(Map<String, String> o) {"
            + " Map<String, String> a = new HashMap<>(o); a.put(\"type\", \"" + type + "\");"
            + " a.put(\"name\", \"" + name + "\"); " + more
            + " return new Loaded((java.util.function.Supplier<String>) () -> \"hi\", a); } }")
        .pluginInit(pkg + ".Init");
  }

  @Test
  void validatePrintsEachPluginWithSortedAttributesAndExitsZero() throws Exception {
    Path plugins = root.resolve("plugins");
    greeter("g1", "greeter", "hello", "a.put(\"vendor\", \"acme\");")
        .writeTo(plugins.resolve("acme-greeter-plugin-hello.jar"));
    Files.writeString(plugins.resolve("acme-greeter-plugin-hello.properties"), "buildCommit=abc\n");
    CliTest.Run r = CliTest.run(root, null, "plugin", "validate");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("search plugins in " + plugins)
        .contains("greeter plugin hello, location: acme-greeter-plugin-hello.jar, attribute: "
            + "{\"buildCommit\":\"abc\",\"name\":\"hello\",\"type\":\"greeter\",\"vendor\":\"acme\"}\n");
  }

  @Test
  void validateReportsRefusedJarsAndExitsOne() throws Exception {
    Path a = root.resolve("a");
    Path b = root.resolve("b");
    greeter("g2", "greeter", "ok", "").writeTo(a.resolve("acme-greeter-plugin-ok.jar"));
    greeter("g3", "greeter", "old", "").apiVersion("2.0").writeTo(b.resolve("acme-greeter-plugin-old.jar"));
    Files.write(b.resolve("acme-greeter-plugin-bad.jar"), new byte[] {'P', 'K', 0});
    CliTest.Run r = CliTest.run(root, null, "plugin", "validate", "--plugin-dir", a.toString(),
        "--plugin-dir", b.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("greeter plugin ok, location: acme-greeter-plugin-ok.jar")
        .contains("refused plugin, location: acme-greeter-plugin-old.jar, error: "
            + "acme-greeter-plugin-old.jar was built against plugin API 2.0")
        .contains("refused plugin, location: acme-greeter-plugin-bad.jar, error: ");
  }

  @Test
  void validateWithNoJarsSaysSo() {
    CliTest.Run r = CliTest.run(root, null, "plugin", "validate");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("no plugin JARs found");
  }

  @Test
  void lsShowsJarPluginsInJsonAndTable() throws Exception {
    Path plugins = root.resolve("plugins");
    Path ok = greeter("g4", "greeter", "hello", "").writeTo(plugins.resolve("acme-greeter-plugin-hello.jar"));
    Files.write(plugins.resolve("acme-greeter-plugin-bad.jar"), new byte[0]);
    CliTest.Run r = CliTest.run(root, null, "plugin", "ls", "--format", "json", "--retry", "0");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode arr = Json.MAPPER.readTree(r.out());
    assertThat(arr).hasSize(2);
    JsonNode bad = arr.get(0);
    assertThat(bad.get("name").asText()).isEqualTo("bad");
    assertThat(bad.get("kind").asText()).isEqualTo("jar");
    assertThat(bad.get("state").asText()).isEqualTo("failed");
    assertThat(bad.get("error").asText()).contains("empty file");
    JsonNode hello = arr.get(1);
    assertThat(hello.get("address").asText()).isEqualTo(ok.toAbsolutePath().toString());
    assertThat(hello.get("implements").get(0).asText()).isEqualTo("greeter");
    assertThat(hello.get("state").asText()).isEqualTo("loaded");
    assertThat(hello.get("type").asText()).isEqualTo("greeter");
    assertThat(hello.get("attributes").get("name").asText()).isEqualTo("hello");
    assertThat(hello.get("error").isNull()).isTrue();

    CliTest.Run t = CliTest.run(root, null, "plugin", "ls", "--retry", "0");
    assertThat(t.exit()).as(t.toString()).isZero();
    assertThat(t.out()).containsPattern("hello +jar +" + ok.toAbsolutePath() + " +greeter +loaded")
        .containsPattern("bad +jar .* +greeter +failed +.*empty file");
  }

  @Test
  void aPluginDirThatIsAFileIsNamedAsSuch() throws Exception {
    Path file = Files.writeString(root.resolve("not-a-dir"), "x");
    CliTest.Run r = CliTest.run(root, null, "plugin", "validate", "--plugin-dir", file.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("warning: " + file + " is not a directory\n")
        .contains("no plugin JARs found");
  }
}
