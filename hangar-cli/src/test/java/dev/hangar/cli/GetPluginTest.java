package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.PluginInit;
import dev.hangar.testkit.PluginJarBuilder;
import dev.hangar.testkit.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hangar get} through a resource plugin JAR found in {@code <root>/plugins}. */
class GetPluginTest {
  @TempDir Path root;

  void install(String scheme) throws IOException {
    Path plugins = Files.createDirectories(root.resolve("plugins"));
    TestPlugins.resource(PluginJarBuilder.classPathOf(PluginInit.class), "mem", scheme, "?")
        .writeTo(plugins.resolve("t-resource-plugin-mem.jar"));
    Files.writeString(plugins.resolve("t-resource-plugin-mem.properties"), "text=from mem\n");
  }

  @Test
  void aPluginSchemeServesGet() throws IOException {
    install("mem");
    Path out = root.resolve("hello.txt");
    CliTest.Run r = CliTest.run(root, null, "get", "MEM://any/hello.txt", "-O", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(out).hasContent("from mem");
  }

  @Test
  void aPluginTakesABuiltinSchemeOnlyWithTheFlag() throws IOException {
    install("file");
    Path src = root.resolve("src.txt");
    Files.writeString(src, "from disk\n");
    Path out = root.resolve("out.txt");
    CliTest.Run strict = CliTest.run(root, null, "get", src.toUri().toString(), "-O",
        out.toString());
    assertThat(strict.exit()).as(strict.toString()).isZero();
    assertThat(strict.err()).contains("Warning: resource plugin for scheme 'file' not used")
        .contains("built in");
    assertThat(out).hasContent("from disk");

    CliTest.Run replaced = CliTest.run(root, null, "get", src.toUri().toString(), "-O",
        out.toString(), "--plugins-replace-builtins");
    assertThat(replaced.exit()).as(replaced.toString()).isZero();
    assertThat(out).hasContent("from mem");
  }

  @Test
  void aPluginWhoseStreamBlocksIsGivenUpAfterTheStallTimeout() throws IOException {
    Path plugins = Files.createDirectories(root.resolve("plugins"));
    PluginJarBuilder.create().classPath(PluginJarBuilder.classPathOf(PluginInit.class))
        .apiVersion("1.0")
        .source("h.Init", "package h;\nimport dev.hangar.api.*;\nimport java.util.*;\n"
            + "public final class Init implements PluginInit {\n"
            + "  public Loaded init(Map<String, String> o) {\n"
            + "    return new Loaded(new Client(), Map.of(\"type\", \"resource\", \"name\","
            + " \"hang\", \"scheme\", \"hang\"));\n  }\n}\n")
        .source("h.Client", "package h;\nimport dev.hangar.api.resource.*;\nimport java.io.*;\n"
            + "public final class Client implements ResourceClient {\n"
            + "  public long contentLength(ResourceRequest r) { return 100; }\n"
            + "  public boolean supportsRange(ResourceRequest r) { return false; }\n"
            + "  public boolean isExpired(ResourceRequest r, ExpireInfo i) { return true; }\n"
            + "  public ResourceResponse download(ResourceRequest r) {\n"
            + "    return ResourceResponse.of(new InputStream() { public int read() throws IOException {\n"
            + "      try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) {\n"
            + "        throw new InterruptedIOException(); } return -1; } }, 100); }\n"
            + "  public long lastModified(ResourceRequest r) { return -1; }\n}\n")
        .pluginInit("h.Init")
        .writeTo(plugins.resolve("t-resource-plugin-hang.jar"));
    Path out = root.resolve("f");
    CliTest.Run r = CliTest.run(root, null, "get", "--stall-timeout", "300ms", "hang://h/f",
        "-O", out.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("hang://h/f stalled: nothing moved for 300ms");
    assertThat(out).doesNotExist();
  }
}
