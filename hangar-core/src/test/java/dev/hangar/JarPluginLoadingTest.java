package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceLister;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import dev.hangar.testkit.PluginJarBuilder;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarPluginLoadingTest {
  @TempDir Path dir;

  private PluginHost host() {
    return PluginHost.builder().dirs(new DiscoveryDirs(List.of(), List.of()))
        .pluginDirs(List.of(dir)).build();
  }

  @Test
  void loadsAResourcePluginAndServesItsScheme() throws Exception {
    JarFixtures.resource("r1", "demo", "demo").writeTo(dir.resolve("acme-resource-plugin-demo.jar"));
    Files.writeString(dir.resolve("acme-resource-plugin-demo.properties"), "text=from options\n");
    Files.writeString(dir.resolve("README.txt"), "ignored");
    try (PluginHost host = host()) {
      List<JarPluginInfo> infos = host.jarPlugins();
      assertThat(infos).singleElement().satisfies(i -> {
        assertThat(i.state()).isEqualTo(JarPluginState.LOADED);
        assertThat(i.type()).isEqualTo("resource");
        assertThat(i.name()).isEqualTo("demo");
        assertThat(i.attributes()).containsEntry("scheme", "demo").containsEntry("buildCommit", "abc123");
        assertThat(i.errorText()).isEmpty();
      });
      ResourceClient c = host.resourceClients().get("demo");
      assertThat(c).isInstanceOf(ResourceLister.class);
      try (ResourceResponse r = c.download(ResourceRequest.of(URI.create("demo://x/y")));
          InputStream in = r.body()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from options");
      }
      assertThat(host.jar("resource", "demo", ResourceClient.class)).isPresent();
      assertThat(host.jar("resource", "other", ResourceClient.class)).isEmpty();
    }
  }

  @Test
  void optionsComeFromTheBuilderFunction() {
    JarFixtures.supplier("o1", "greeter", "hi", "String.valueOf(Init.opts)")
        .source("o1.Init", "package o1; import dev.hangar.api.*; import java.util.*;"
            + "public final class Init implements PluginInit { static Map<String, String> opts;"
            + " public Loaded init(Map<String, String> o) { opts = o; return new Loaded("
            + "(java.util.function.Supplier<String>) () -> String.valueOf(opts),"
            + " Map.of(\"type\", \"greeter\", \"name\", \"hi\")); } }")
        .writeTo(dir.resolve("acme-greeter-plugin-hi.jar"));
    try (PluginHost host = PluginHost.builder().dirs(new DiscoveryDirs(List.of(), List.of()))
        .pluginDirs(List.of(dir)).pluginOptions(f -> Map.of("file", f)).build()) {
      @SuppressWarnings("unchecked")
      Supplier<String> s = host.jar("greeter", "hi", Supplier.class).orElseThrow();
      assertThat(s.get()).isEqualTo("{file=acme-greeter-plugin-hi.jar}");
    }
  }

  @Test
  void contextClassLoaderIsThePluginsDuringInitAndCalls() {
    JarFixtures.plugin("t1",
        "(java.util.function.Supplier<String>) () -> String.valueOf("
            + "Thread.currentThread().getContextClassLoader() == Init.class.getClassLoader())",
        "Map.of(\"type\", \"greeter\", \"name\", \"tccl\", \"duringInit\", String.valueOf("
            + "Thread.currentThread().getContextClassLoader() == Init.class.getClassLoader()))", "")
        .writeTo(dir.resolve("acme-greeter-plugin-tccl.jar"));
    try (PluginHost host = host()) {
      assertThat(host.jarPlugins().get(0).attributes()).containsEntry("duringInit", "true");
      @SuppressWarnings("unchecked")
      Supplier<String> s = host.jar("greeter", "tccl", Supplier.class).orElseThrow();
      ClassLoader before = Thread.currentThread().getContextClassLoader();
      assertThat(s.get()).isEqualTo("true");
      assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
  }

  @Test
  void twoPluginsBundleConflictingVersionsOfOneLibraryAndCannotSeeEachOther() {
    for (String v : List.of("1", "2")) {
      PluginJarBuilder lib = PluginJarBuilder.create().source("shared.Lib",
          "package shared; public final class Lib { public static String v() { return \"" + v + "\"; } }");
      JarFixtures.supplier("iso" + v, "greeter", "g" + v, "shared.Lib.v() + \",\" + Init.peek()")
          .source("iso" + v + ".Init", "package iso" + v + "; import dev.hangar.api.*; import java.util.*;"
              + "public final class Init implements PluginInit {"
              + " public Loaded init(Map<String, String> o) { return new Loaded("
              + "(java.util.function.Supplier<String>) () -> shared.Lib.v() + \",\" + peek(),"
              + " Map.of(\"type\", \"greeter\", \"name\", \"g" + v + "\")); }"
              + " static String peek() { try { Class.forName(\"iso" + (v.equals("1") ? "2" : "1")
              + ".Init\"); return \"visible\"; } catch (ClassNotFoundException e) { return \"hidden\"; } } }")
          .library("shared-" + v + ".jar", lib)
          .writeTo(dir.resolve("acme-greeter-plugin-g" + v + ".jar"));
    }
    try (PluginHost host = host()) {
      assertThat(host.jarPlugins()).allMatch(i -> i.state() == JarPluginState.LOADED);
      @SuppressWarnings("unchecked")
      Supplier<String> g1 = host.jar("greeter", "g1", Supplier.class).orElseThrow();
      @SuppressWarnings("unchecked")
      Supplier<String> g2 = host.jar("greeter", "g2", Supplier.class).orElseThrow();
      assertThat(g1.get()).isEqualTo("1,hidden");
      assertThat(g2.get()).isEqualTo("2,hidden");
    }
  }

  @Test
  void hostClassesOtherThanTheApiAreInvisibleToPlugins() {
    JarFixtures.supplier("h1", "greeter", "h", "Init.probe()")
        .source("h1.Init", "package h1; import dev.hangar.api.*; import java.util.*;"
            + "public final class Init implements PluginInit {"
            + " public Loaded init(Map<String, String> o) { return new Loaded("
            + "(java.util.function.Supplier<String>) Init::probe, Map.of(\"type\", \"greeter\", \"name\", \"h\")); }"
            + " static String probe() { try { Class.forName(\"dev.hangar.PluginHost\"); return \"visible\"; }"
            + " catch (ClassNotFoundException e) { return \"hidden\"; } } }")
        .writeTo(dir.resolve("acme-greeter-plugin-h.jar"));
    try (PluginHost host = host()) {
      @SuppressWarnings("unchecked")
      Supplier<String> s = host.jar("greeter", "h", Supplier.class).orElseThrow();
      assertThat(s.get()).isEqualTo("hidden");
    }
  }
}
