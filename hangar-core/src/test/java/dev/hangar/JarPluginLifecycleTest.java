package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.PluginJarBuilder;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarPluginLifecycleTest {
  @TempDir Path dir;

  private PluginHost.Builder builder() {
    return PluginHost.builder().dirs(new DiscoveryDirs(List.of(), List.of())).pluginDirs(List.of(dir));
  }

  /**
   * A greeter whose implementation returns {@code value} and, on close, sets the system property
   * {@code closeKey} (visible to the host, unlike the plugin's classes).
   */
  private static PluginJarBuilder closeable(String pkg, String name, String value, String closeKey) {
    return PluginJarBuilder.create().classPath(JarFixtures.API).apiVersion("1.0")
        .source(pkg + ".Init", "package " + pkg + "; import dev.hangar.api.*; import java.util.*;"
            + " public final class Init implements PluginInit { public Loaded init(Map<String, String> o) {"
            + " return new Loaded(new Impl(), Map.of(\"type\", \"greeter\", \"name\", \"" + name + "\")); } }")
        .source(pkg + ".Impl", "package " + pkg + "; public final class Impl implements"
            + " java.util.function.Supplier<Object>, AutoCloseable {"
            + " public Object get() { return \"" + value + "\".equals(\"loader\") ? Impl.class.getClassLoader()"
            + " : \"" + value + "\"; }"
            + " public void close() { System.setProperty(\"" + closeKey + "\", \"closed\"); } }")
        .pluginInit(pkg + ".Init");
  }

  @SuppressWarnings("unchecked")
  private static Supplier<Object> handle(PluginHost host, String name) {
    return host.jar("greeter", name, Supplier.class).orElseThrow();
  }

  @Test
  void unloadClosesTheImplementationAndTheClassLoaderIsCollected() throws Exception {
    Path jar = closeable("gc", "gc", "loader", "hangar.test.gc").writeTo(dir.resolve("a-greeter-plugin-gc.jar"));
    var classes = ManagementFactory.getClassLoadingMXBean();
    List<WeakReference<Object>> loaders = new ArrayList<>();
    int baseline = 0;
    for (int i = 0; i < 30; i++) {
      System.clearProperty("hangar.test.gc");
      try (PluginHost host = builder().build()) {
        loaders.add(new WeakReference<>(handle(host, "gc").get()));
      }
      assertThat(System.getProperty("hangar.test.gc")).isEqualTo("closed");
      // the JAR is not held open: it can be replaced after unload
      Files.copy(jar, dir.resolve("copy.tmp"), StandardCopyOption.REPLACE_EXISTING);
      Files.move(dir.resolve("copy.tmp"), jar, StandardCopyOption.REPLACE_EXISTING);
      if (i == 4) {
        baseline = classes.getLoadedClassCount();
      }
    }
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (loaders.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(loaders).as("every plugin class loader collected").allMatch(r -> r.get() == null);
    // 25 loads after the baseline, two plugin classes each: unloaded classes do not pile up
    assertThat(classes.getLoadedClassCount()).isLessThan(baseline + 40);
    Files.delete(jar);
  }

  @Test
  void theJarIsNeitherHeldNorNeededAfterLoadingAndAReplacementIsReadAfresh() throws Exception {
    // the implementation's class is defined on its first call, after the JAR is gone
    Path jar = JarFixtures.supplier("lz1", "greeter", "lazy", "new Later().toString()")
        .source("lz1.Later", "package lz1; final class Later { public String toString() { return \"v1\"; } }")
        .writeTo(dir.resolve("a-greeter-plugin-lazy.jar"));
    try (PluginHost host = builder().build()) {
      Supplier<Object> s = handle(host, "lazy");
      Files.delete(jar);
      assertThat(s.get()).isEqualTo("v1");
    }
    JarFixtures.supplier("lz2", "greeter", "lazy", "\"v2\"").writeTo(jar);
    try (PluginHost host = builder().build()) {
      assertThat(handle(host, "lazy").get()).isEqualTo("v2");
    }
    Files.delete(jar);
  }

  @Test
  void reloadSwapsAtomicallyUnderConcurrentCalls() throws Exception {
    closeable("ra", "swap", "A", "hangar.test.swapA").writeTo(dir.resolve("a-greeter-plugin-swap.jar"));
    byte[] b = closeable("rb", "swap", "B", "hangar.test.swapB").toBytes();
    byte[] a = Files.readAllBytes(dir.resolve("a-greeter-plugin-swap.jar"));
    try (PluginHost host = builder().build()) {
      Supplier<Object> s = handle(host, "swap");
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Set<Object> seen = ConcurrentHashMap.newKeySet();
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        callers.add(Thread.ofPlatform().start(() -> {
          while (!stop.get()) {
            try {
              seen.add(s.get());
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            }
          }
        }));
      }
      for (int i = 0; i < 10; i++) {
        Files.write(dir.resolve("a-greeter-plugin-swap.jar"), i % 2 == 0 ? b : a);
        List<JarPluginInfo> infos = host.reloadJarPlugins(true);
        assertThat(infos).singleElement().extracting(JarPluginInfo::state).isEqualTo(JarPluginState.LOADED);
      }
      stop.set(true);
      for (Thread t : callers) {
        t.join();
      }
      assertThat(failure.get()).as("no caller ever saw no plugin").isNull();
      assertThat(seen).containsExactlyInAnyOrder("A", "B");
      assertThat(System.getProperty("hangar.test.swapB")).isEqualTo("closed");
    }
  }

  @Test
  void removedJarsAreUnloadedAndHandlesThenFail() throws Exception {
    Path jar = closeable("rm", "rm", "x", "hangar.test.rm").writeTo(dir.resolve("a-greeter-plugin-rm.jar"));
    try (PluginHost host = builder().build()) {
      Supplier<Object> s = handle(host, "rm");
      Files.delete(jar);
      assertThat(host.reloadJarPlugins(false)).isEmpty();
      assertThat(System.getProperty("hangar.test.rm")).isEqualTo("closed");
      assertThatThrownBy(s::get).isInstanceOfSatisfying(HangarException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND));
      closeable("rm2", "rm", "again", "hangar.test.rm2").writeTo(jar);
      host.reloadJarPlugins(false);
      assertThat(s.get()).as("a handle follows its type/name").isEqualTo("again");
    }
  }

  @Test
  void aFailedReloadKeepsThePreviousVersionServing() throws Exception {
    Path jar = closeable("fr", "fr", "old", "hangar.test.fr").writeTo(dir.resolve("a-greeter-plugin-fr.jar"));
    try (PluginHost host = builder().build()) {
      Supplier<Object> s = handle(host, "fr");
      Files.write(jar, new byte[] {1, 2, 3});
      JarPluginInfo info = host.reloadJarPlugins(false).get(0);
      assertThat(info.state()).isEqualTo(JarPluginState.LOADED);
      assertThat(info.warnings()).singleElement().asString().contains("reload failed");
      assertThat(s.get()).isEqualTo("old");
    }
  }

  @Test
  void watchingReloadsChangedAddedAndRemovedJars() throws Exception {
    Path jar = closeable("w1", "w", "one", "hangar.test.w1").writeTo(dir.resolve("a-greeter-plugin-w.jar"));
    byte[] two = closeable("w2", "w", "two", "hangar.test.w2").toBytes();
    byte[] other = closeable("w3", "w3", "three", "hangar.test.w3").toBytes();
    try (PluginHost host = builder().watch(true).build()) {
      Supplier<Object> s = handle(host, "w");
      assertThat(s.get()).isEqualTo("one");
      Files.write(dir.resolve("tmp"), two);
      Files.move(dir.resolve("tmp"), jar, StandardCopyOption.REPLACE_EXISTING);
      Files.write(dir.resolve("a-greeter-plugin-w3.jar"), other);
      Polling.until(() -> "two".equals(s.get()) && host.jarPlugins().size() == 2);
      Files.delete(jar);
      Polling.until(() -> host.jarPlugins().size() == 1);
      assertThat(host.jar("greeter", "w", Supplier.class)).isEmpty();
    }
  }

  @Test
  void stateMovesOnlyToUnloaded() {
    for (JarPluginState from : JarPluginState.values()) {
      for (JarPluginState to : JarPluginState.values()) {
        boolean allowed = from != JarPluginState.UNLOADED && to == JarPluginState.UNLOADED;
        assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
        if (!allowed) {
          assertThatThrownBy(() -> from.moveTo("p", to)).isInstanceOf(IllegalStateException.class);
        }
      }
    }
  }

  @Test
  void aClosedHostRefusesJarLookups() {
    PluginHost host = builder().build();
    host.close();
    host.close();
    assertThatThrownBy(host::jarPlugins).isInstanceOf(IllegalStateException.class);
  }
}
