package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.testkit.Fifos;
import dev.hangar.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal is reported for its JAR while the other plugins load. */
class JarPluginFailureTest {
  @TempDir Path dir;

  private Map<String, JarPluginInfo> loadAll() {
    JarFixtures.supplier("good", "greeter", "good", "\"ok\"")
        .writeTo(dir.resolve("acme-greeter-plugin-good.jar"));
    try (PluginHost host = PluginHost.builder().dirs(new DiscoveryDirs(List.of(), List.of()))
        .pluginDirs(List.of(dir)).initTimeout(Duration.ofMillis(500)).build()) {
      Map<String, JarPluginInfo> out = host.jarPlugins().stream()
          .collect(Collectors.toMap(JarPluginInfo::fileName, i -> i));
      assertThat(out.get("acme-greeter-plugin-good.jar").state()).isEqualTo(JarPluginState.LOADED);
      return out;
    }
  }

  private JarPluginInfo refused(String file) {
    JarPluginInfo i = loadAll().get(file);
    assertThat(i.state()).isEqualTo(JarPluginState.FAILED);
    assertThat(i.error()).contains(file);
    return i;
  }

  private static String greeter(String name) {
    return "Map.of(\"type\", \"greeter\", \"name\", \"" + name + "\")";
  }

  @Test
  void corruptAndEmptyJarsAreRefused() throws Exception {
    PluginJarBuilder.create().raw("not a zip at all".getBytes()).writeTo(dir.resolve("a-x-plugin-c.jar"));
    Files.write(dir.resolve("a-x-plugin-e.jar"), new byte[0]);
    Map<String, JarPluginInfo> all = loadAll();
    assertThat(all.get("a-x-plugin-c.jar").error()).contains("not a valid JAR");
    assertThat(all.get("a-x-plugin-e.jar").error()).contains("empty file");
    assertThat(all.get("a-x-plugin-e.jar").errorCode()).isEqualTo(ErrorCode.PLUGIN_LOAD_FAILED);
  }

  @Test
  void aJarNotNamedByThePatternIsRefusedAndOtherFilesAreIgnored() throws Exception {
    JarFixtures.supplier("n", "greeter", "n", "\"n\"").writeTo(dir.resolve("greeter.jar"));
    Files.writeString(dir.resolve("notes.txt"), "x");
    Map<String, JarPluginInfo> all = loadAll();
    assertThat(all).containsOnlyKeys("greeter.jar", "acme-greeter-plugin-good.jar");
    assertThat(all.get("greeter.jar").error()).contains("<vendor>-<type>-plugin-<name>.jar");
  }

  @Test
  void noOrSeveralPluginInitsAreRefused() {
    PluginJarBuilder.create().apiVersion("1.0").entry("x.txt", "x").writeTo(dir.resolve("a-x-plugin-none.jar"));
    JarFixtures.supplier("sev", "x", "sev", "\"\"").pluginInit("sev.Other")
        .writeTo(dir.resolve("a-x-plugin-sev.jar"));
    Map<String, JarPluginInfo> all = loadAll();
    assertThat(all.get("a-x-plugin-none.jar").error()).contains("declares no PluginInit");
    assertThat(all.get("a-x-plugin-sev.jar").error()).contains("several PluginInit");
  }

  @Test
  void initThatThrowsIsRefused() {
    JarFixtures.plugin("th", "Init.boom()", greeter("th"),
        "static Object boom() { throw new IllegalStateException(\"kaboom\"); }")
        .writeTo(dir.resolve("a-greeter-plugin-th.jar"));
    assertThat(refused("a-greeter-plugin-th.jar").error()).contains("init threw").contains("kaboom");
  }

  @Test
  void initReturningNullIsRefused() {
    PluginJarBuilder.create().classPath(JarFixtures.API).apiVersion("1.0")
        .source("nu.Init", "package nu; public final class Init implements dev.hangar.api.PluginInit {"
            + " public dev.hangar.api.Loaded init(java.util.Map<String, String> o) { return null; } }")
        .pluginInit("nu.Init").writeTo(dir.resolve("a-greeter-plugin-nu.jar"));
    assertThat(refused("a-greeter-plugin-nu.jar").error()).contains("returned null");
  }

  @Test
  void aResourcePluginMustGiveAResourceClient() {
    JarFixtures.plugin("wt", "\"a string\"",
        "Map.of(\"type\", \"resource\", \"name\", \"wt\", \"scheme\", \"wt\")", "")
        .writeTo(dir.resolve("a-resource-plugin-wt.jar"));
    assertThat(refused("a-resource-plugin-wt.jar").error())
        .contains("must implement dev.hangar.api.resource.ResourceClient").contains("java.lang.String");
  }

  @Test
  void missingOrMismatchedAttributesAreRefused() {
    JarFixtures.plugin("ma", "\"x\"", "Map.of(\"type\", \"greeter\")", "")
        .writeTo(dir.resolve("a-greeter-plugin-ma.jar"));
    JarFixtures.plugin("mm", "\"x\"", greeter("other"), "")
        .writeTo(dir.resolve("a-greeter-plugin-mm.jar"));
    JarFixtures.plugin("ns", "(dev.hangar.api.resource.ResourceClient) null", "null", "")
        .source("ns.Init", "package ns; import dev.hangar.api.*; import java.util.*;"
            + " public final class Init implements PluginInit { public Loaded init(Map<String, String> o) {"
            + " return new Loaded(java.lang.reflect.Proxy.newProxyInstance(Init.class.getClassLoader(),"
            + " new Class<?>[] {dev.hangar.api.resource.ResourceClient.class}, (p, m, a) -> null),"
            + " Map.of(\"type\", \"resource\", \"name\", \"ns\")); } }")
        .writeTo(dir.resolve("a-resource-plugin-ns.jar"));
    Map<String, JarPluginInfo> all = loadAll();
    assertThat(all.get("a-greeter-plugin-ma.jar").error()).contains("no 'name' attribute");
    assertThat(all.get("a-greeter-plugin-mm.jar").error()).contains("name 'other'")
        .contains("file name says type 'greeter' and name 'mm'");
    assertThat(all.get("a-resource-plugin-ns.jar").error()).contains("'scheme'");
  }

  @Test
  void theLegacySchemaAttributeIsAcceptedWithAWarning() {
    JarFixtures.resource("le", "le", "le").source("le.Init", "package le; import dev.hangar.api.*;"
        + " import java.util.*; public final class Init implements PluginInit {"
        + " public Loaded init(Map<String, String> o) { return new Loaded(new Client(\"x\"),"
        + " Map.of(\"type\", \"resource\", \"name\", \"le\", \"schema\", \"le\")); } }")
        .writeTo(dir.resolve("a-resource-plugin-le.jar"));
    JarPluginInfo i = loadAll().get("a-resource-plugin-le.jar");
    assertThat(i.state()).isEqualTo(JarPluginState.LOADED);
    assertThat(i.warnings()).singleElement().asString().contains("'schema'");
  }

  @Test
  void staticInitializerFailuresAreRefused() {
    JarFixtures.supplier("si", "greeter", "si", "\"x\"")
        .source("si.Boom", "package si; public final class Boom { static { if (true) throw new"
            + " IllegalStateException(\"static boom\"); } public static String v() { return \"v\"; } }")
        .source("si.Init", "package si; import dev.hangar.api.*; import java.util.*;"
            + " public final class Init implements PluginInit { static final String V = Boom.v();"
            + " public Loaded init(Map<String, String> o) { return new Loaded(V,"
            + " Map.of(\"type\", \"greeter\", \"name\", \"si\")); } }")
        .writeTo(dir.resolve("a-greeter-plugin-si.jar"));
    PluginJarBuilder missingLib = PluginJarBuilder.create()
        .source("gone.Lib", "package gone; public final class Lib { public static String v() { return \"v\"; } }");
    // compiled against a library it does not bundle: NoClassDefFoundError at init
    Path libJar = missingLib.writeTo(dir.resolve("lib-outside.jarx"));
    JarFixtures.plugin("nc", "gone.Lib.v()", greeter("nc"), "").classPath(List.of(libJar))
        .writeTo(dir.resolve("a-greeter-plugin-nc.jar"));
    Map<String, JarPluginInfo> all = loadAll();
    assertThat(all.get("a-greeter-plugin-si.jar").error()).contains("static initializer threw")
        .contains("static boom");
    assertThat(all.get("a-greeter-plugin-nc.jar").error()).contains("NoClassDefFoundError")
        .contains("gone/Lib");
  }

  @Test
  void anInitThatDoesNotReturnInTimeIsAbandoned() {
    JarFixtures.plugin("sl", "Init.hang()", greeter("sl"),
        "static Object hang() throws InterruptedException { new java.util.concurrent.CountDownLatch(1)"
            + ".await(30, java.util.concurrent.TimeUnit.SECONDS); return \"late\"; }")
        .writeTo(dir.resolve("a-greeter-plugin-sl.jar"));
    assertThat(refused("a-greeter-plugin-sl.jar").error()).contains("did not return within 500ms")
        .contains("abandoned");
  }

  @Test
  void missingApiVersionIsRefusedWithHowToAddIt() {
    PluginJarBuilder.create().classPath(JarFixtures.API)
        .source("nv.Init", "package nv; public final class Init implements dev.hangar.api.PluginInit {"
            + " public dev.hangar.api.Loaded init(java.util.Map<String, String> o) { throw new Error(\"ran\"); } }")
        .pluginInit("nv.Init").writeTo(dir.resolve("a-greeter-plugin-nv.jar"));
    JarPluginInfo i = refused("a-greeter-plugin-nv.jar");
    assertThat(i.errorCode()).isEqualTo(ErrorCode.API_VERSION_MISMATCH);
    assertThat(i.error()).contains("no Hangar-Api-Version").contains("hangar-plugin-parent")
        .contains("<Hangar-Api-Version>1.0</Hangar-Api-Version>").doesNotContain("ran");
  }

  @Test
  void apiVersionMismatchIsRefusedBeforeAnyPluginCodeRuns() {
    for (String v : List.of("2.0", "1.1", "0.9", "one")) {
      JarFixtures.plugin("v" + v.replace(".", ""), "Init.ran()", greeter("v"),
          "static { if (true) throw new Error(\"plugin code ran\"); } static Object ran() { return \"\"; }")
          .apiVersion(v).writeTo(dir.resolve("a-greeter-plugin-v" + v + ".jar"));
    }
    Map<String, JarPluginInfo> all = loadAll();
    assertThat(all.get("a-greeter-plugin-v2.0.jar").error())
        .contains("built against plugin API 2.0").contains("accepts API 1.0 to 1.0").contains("rebuild");
    assertThat(all.get("a-greeter-plugin-v1.1.jar").error()).contains("plugin API 1.1");
    assertThat(all.get("a-greeter-plugin-v0.9.jar").error()).contains("plugin API 0.9");
    assertThat(all.get("a-greeter-plugin-vone.jar").error()).contains("'one' is not MAJOR.MINOR");
    assertThat(all.values()).filteredOn(i -> i.state() == JarPluginState.FAILED)
        .allSatisfy(i -> {
          assertThat(i.errorCode()).isEqualTo(ErrorCode.API_VERSION_MISMATCH);
          assertThat(i.error()).doesNotContain("plugin code ran");
        });
  }

  @Test
  void malformedOptionsFileRefusesThePlugin() throws Exception {
    JarFixtures.supplier("op", "greeter", "op", "\"x\"").writeTo(dir.resolve("a-greeter-plugin-op.jar"));
    Files.writeString(dir.resolve("a-greeter-plugin-op.properties"), "k=\\uZZZZ\n");
    assertThat(refused("a-greeter-plugin-op.jar").error()).contains("a-greeter-plugin-op.properties");
  }

  @Test
  void twoJarsOfOneTypeAndNameLoadTheFirstOnly() {
    JarFixtures.supplier("d1", "greeter", "dup", "\"1\"").writeTo(dir.resolve("a-greeter-plugin-dup.jar"));
    JarFixtures.supplier("d2", "greeter", "dup", "\"2\"").writeTo(dir.resolve("b-greeter-plugin-dup.jar"));
    Map<String, JarPluginInfo> all = loadAll();
    assertThat(all.get("a-greeter-plugin-dup.jar").state()).isEqualTo(JarPluginState.LOADED);
    assertThat(all.get("b-greeter-plugin-dup.jar").error()).contains("already loaded from");
  }

  @Test
  void anOptionsFileThatIsAFifoRefusesThePluginWithoutHanging() throws Exception {
    JarFixtures.supplier("of", "greeter", "of", "\"x\"").writeTo(dir.resolve("a-greeter-plugin-of.jar"));
    Fifos.create(dir.resolve("a-greeter-plugin-of.properties"));
    JarPluginInfo info = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> refused("a-greeter-plugin-of.jar"));
    assertThat(info.error()).contains("a-greeter-plugin-of.properties is not a regular file");
  }

  @Test
  void aCloseThatNeverReturnsIsAbandonedAndNeitherReloadNorCloseHangs() throws Exception {
    String hang = "new Impl()";
    String impl = "static final class Impl implements java.util.function.Supplier<String>,"
        + " AutoCloseable { public String get() { return \"v\"; }"
        + " public void close() throws Exception { Thread.sleep(Long.MAX_VALUE); } }";
    Path jar = JarFixtures.plugin("ch1", hang, greeter("ch"), impl)
        .writeTo(dir.resolve("a-greeter-plugin-ch.jar"));
    byte[] next = JarFixtures.plugin("ch2", hang, greeter("ch"), impl).toBytes();
    PluginHost host = PluginHost.builder().dirs(new DiscoveryDirs(List.of(), List.of()))
        .pluginDirs(List.of(dir)).initTimeout(Duration.ofMillis(300)).build();
    assertThat(host.jarPlugins()).singleElement().extracting(JarPluginInfo::state)
        .isEqualTo(JarPluginState.LOADED);
    Files.write(jar, next);
    List<JarPluginInfo> after = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> host.reloadJarPlugins(true));
    assertThat(after).singleElement().satisfies(i -> {
      assertThat(i.state()).isEqualTo(JarPluginState.LOADED);
      assertThat(i.warnings()).anySatisfy(w -> assertThat(w)
          .contains("close() did not return within 300ms").contains("hangar-close-"));
    });
    assertTimeoutPreemptively(Duration.ofSeconds(30), host::close);
  }
}
