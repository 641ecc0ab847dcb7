package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.PluginInit;
import dev.hangar.testkit.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugin call TYPE/NAME METHOD [ARGS]}: a JAR plugin's interface method, through the CLI. */
class PluginCallJarTest {
  private static final List<Path> API = PluginJarBuilder.classPathOf(PluginInit.class);

  @TempDir Path root;

  /**
   * A plugin whose implementation is a BiFunction (adds two ints), a Supplier of whether the
   * context class loader is the plugin's, and a Callable that never returns.
   */
  private static PluginJarBuilder calc(String pkg, String type, String name) {
    return PluginJarBuilder.create().classPath(API).apiVersion("1.0")
        .source(pkg + ".Init", "package " + pkg + "; import dev.hangar.api.*; import java.util.*;"
            + " public final class Init implements PluginInit { public Loaded init(Map<String, String> o) {"
            + " return new Loaded(new Calc(), Map.of(\"type\", \"" + type + "\", \"name\", \""
            + name + "\")); } }")
        .source(pkg + ".Calc", "package " + pkg + "; public final class Calc implements"
            + " java.util.function.BiFunction<Integer, Integer, Integer>,"
            + " java.util.function.Supplier<String>, java.util.concurrent.Callable<String> {"
            + " public String call() throws Exception { try { Thread.sleep(Long.MAX_VALUE); }"
            + "   catch (InterruptedException e) {"
            + "     System.setProperty(\"hangar.test.call.interrupted\", \"yes\"); throw e; }"
            + "   return \"\"; }"
            + " public Integer apply(Integer a, Integer b) {"
            + "   if (a < 0) { throw new IllegalArgumentException(\"negative: \" + a); }"
            + "   return a + b; }"
            + " public String get() { return String.valueOf("
            + "   Thread.currentThread().getContextClassLoader() == Calc.class.getClassLoader()); } }")
        .pluginInit(pkg + ".Init");
  }

  @BeforeEach
  void plugins() {
    calc("c1", "calc", "add").writeTo(root.resolve("plugins/acme-calc-plugin-add.jar"));
    calc("c2", "other", "add").writeTo(root.resolve("plugins/acme-other-plugin-add.jar"));
  }

  private CliTest.Run call(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "plugin";
    all[1] = "call";
    System.arraycopy(args, 0, all, 2, args.length);
    return CliTest.run(root, null, all);
  }

  @Test
  void callsAnInterfaceMethodWithJsonArgumentsAndPrintsTheResultAsJson() {
    CliTest.Run r = call("calc/add", "apply", "[2, 40]");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("42\n");
    CliTest.Run tccl = call("calc/add", "get");
    assertThat(tccl.out()).as("called with the plugin's context class loader")
        .isEqualTo("\"true\"\n");
  }

  @Test
  void aNameOfSeveralTypesNeedsTheType() {
    CliTest.Run r = call("--kind", "jar", "add", "apply", "[1, 2]");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("ambiguous").contains("calc/add");
  }

  @Test
  void whatTheMethodThrowsIsAPluginCallFailure() {
    CliTest.Run r = call("calc/add", "apply", "[-1, 2]");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("plugin calc/add: apply: ").contains("negative: -1")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnknownMethodListsTheMethodsThereAre() {
    CliTest.Run r = call("calc/add", "apply", "[1]");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("no method apply with 1 argument").contains("apply(Object, Object)")
        .contains("get()");
  }

  @Test
  void argumentsThatDoNotFitAreAUsageError() {
    CliTest.Run bad = call("calc/add", "apply", "[\"x\", 2]");
    assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err()).contains("argument 1 of apply").hasLineCount(1);
    CliTest.Run notJson = call("calc/add", "apply", "[1,");
    assertThat(notJson.exit()).isEqualTo(2);
    assertThat(notJson.err()).contains("not valid JSON");
  }

  @Test
  void aPluginNotLoadedIsNotFound() {
    CliTest.Run r = call("calc/nope", "apply", "[1, 2]");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("JAR plugin calc/nope is not loaded");
    CliTest.Run kind = call("--kind", "socket", "calc/add", "apply", "[1, 2]");
    assertThat(kind.exit()).isEqualTo(2);
    assertThat(kind.err()).contains("TYPE/NAME names a JAR plugin");
  }

  @Test
  void aCallThatDoesNotReturnTimesOutAndIsInterrupted() {
    // the call sleeps until interrupted (closing the host waits for it, up to the init timeout)
    System.clearProperty("hangar.test.call.interrupted");
    CliTest.Run r = call("--timeout", "300ms", "calc/add", "call");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("plugin calc/add: call: no result within 300ms");
    assertThat(System.getProperty("hangar.test.call.interrupted")).isEqualTo("yes");
  }
}
