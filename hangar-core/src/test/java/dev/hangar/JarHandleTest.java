package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JarHandleTest {
  @TempDir Path dir;

  private PluginHost host() {
    return PluginHost.builder().dirs(new DiscoveryDirs(List.of(), List.of()))
        .pluginDirs(List.of(dir)).build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static JarHandle<Supplier<String>> supplier(PluginHost host, String name) {
    return (JarHandle) host.jarHandle("greeter", name, Supplier.class).orElseThrow();
  }

  private static String get(JarHandle<Supplier<String>> h) {
    return h.call(Supplier::get);
  }

  @Test
  void callRunsOnTheImplementationWithThePluginsContextClassLoader() {
    JarFixtures.supplier("jh1", "greeter", "tccl", "String.valueOf("
        + "Thread.currentThread().getContextClassLoader() == Init.class.getClassLoader())")
        .writeTo(dir.resolve("acme-greeter-plugin-tccl.jar"));
    try (PluginHost host = host()) {
      JarHandle<Supplier<String>> h = supplier(host, "tccl");
      assertThat(h.type()).isEqualTo("greeter");
      assertThat(h.name()).isEqualTo("tccl");
      assertThat(h.iface()).isEqualTo(Supplier.class);
      ClassLoader before = Thread.currentThread().getContextClassLoader();
      assertThat(get(h)).isEqualTo("true");
      List<String> seen = new ArrayList<>();
      h.run(s -> seen.add(s.get()));
      assertThat(seen).containsExactly("true");
      assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
      assertThat(host.jarHandle("greeter", "other", Supplier.class)).isEmpty();
    }
  }

  @Test
  void whatTheFunctionThrowsPassesUnchangedAndTheContextIsRestored() {
    JarFixtures.plugin("jh2", "(java.util.concurrent.Callable<String>) () -> {"
        + " throw new java.io.IOException(\"disk on fire\"); }",
        "Map.of(\"type\", \"greeter\", \"name\", \"boom\")", "")
        .writeTo(dir.resolve("acme-greeter-plugin-boom.jar"));
    try (PluginHost host = host()) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      JarHandle<Callable<String>> h = (JarHandle) host.jarHandle("greeter", "boom", Callable.class)
          .orElseThrow();
      ClassLoader before = Thread.currentThread().getContextClassLoader();
      assertThatThrownBy(() -> h.call(Callable::call)).isInstanceOf(IOException.class)
          .hasMessage("disk on fire");
      assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
      assertThatThrownBy(() -> h.run(c -> {
        throw new IllegalStateException("mine");
      })).hasMessage("mine");
    }
  }

  @Test
  void theProxyPassesCheckedExceptionsUnchangedToo() {
    JarFixtures.plugin("jh8", "(java.util.concurrent.Callable<String>) () -> {"
        + " throw new java.io.IOException(\"disk on fire\"); }",
        "Map.of(\"type\", \"greeter\", \"name\", \"px\")", "")
        .writeTo(dir.resolve("acme-greeter-plugin-px.jar"));
    try (PluginHost host = host()) {
      @SuppressWarnings("unchecked")
      Callable<String> c = host.jar("greeter", "px", Callable.class).orElseThrow();
      assertThatThrownBy(c::call).isInstanceOf(IOException.class).hasMessage("disk on fire");
      assertThat(c).isEqualTo(c).hasSameHashCodeAs(c);
      assertThat(c.toString()).contains("greeter/px");
    }
  }

  @Test
  void callsThroughAHandleNeverSeeNoPluginWhileItIsReloaded() throws Exception {
    Path jar = JarFixtures.supplier("jh9", "greeter", "sw", "\"A\"")
        .writeTo(dir.resolve("acme-greeter-plugin-sw.jar"));
    byte[] a = Files.readAllBytes(jar);
    byte[] b = JarFixtures.supplier("jh10", "greeter", "sw", "\"B\"").toBytes();
    try (PluginHost host = host()) {
      JarHandle<Supplier<String>> h = supplier(host, "sw");
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Set<String> seen = ConcurrentHashMap.newKeySet();
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        callers.add(Thread.ofPlatform().start(() -> {
          while (!stop.get()) {
            try {
              seen.add(get(h));
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            }
          }
        }));
      }
      for (int i = 0; i < 6; i++) {
        Files.write(jar, i % 2 == 0 ? b : a);
        host.reloadJarPlugins(true);
      }
      stop.set(true);
      for (Thread t : callers) {
        t.join();
      }
      assertThat(failure.get()).as("no caller ever saw no plugin").isNull();
      assertThat(seen).containsExactlyInAnyOrder("A", "B");
    }
  }

  /**
   * A greeter returning {@code value}; for "A", the first call waits in get() until a property
   * is set (later calls return at once).
   */
  private static dev.hangar.testkit.PluginJarBuilder blocking(String pkg, String value) {
    return dev.hangar.testkit.PluginJarBuilder.create().classPath(JarFixtures.API).apiVersion("1.0")
        .source(pkg + ".Init", "package " + pkg + "; import dev.hangar.api.*; import java.util.*;"
            + " public final class Init implements PluginInit { public Loaded init(Map<String, String> o) {"
            + " return new Loaded(new Impl(), Map.of(\"type\", \"greeter\", \"name\", \"dr\")); } }")
        .source(pkg + ".Impl", "package " + pkg + "; public final class Impl implements"
            + " java.util.function.Supplier<String>, AutoCloseable {"
            + " public String get() { if (\"" + value + "\".equals(\"A\")"
            + " && System.getProperty(\"hangar.test.dr.entered\") == null) {"
            + " System.setProperty(\"hangar.test.dr.entered\", \"yes\");"
            + " while (System.getProperty(\"hangar.test.dr.release\") == null) { Thread.onSpinWait(); } }"
            + " return \"" + value + "\"; }"
            + " public void close() { System.setProperty(\"hangar.test.dr.closed" + value + "\", \"closed\"); } }")
        .pluginInit(pkg + ".Init");
  }

  /**
   * The caller waits in the old version's get() as a platform thread (its call marked in its own
   * cell), as a virtual thread, and inside a call on another plugin (both counted in stripes).
   */
  @ParameterizedTest
  @ValueSource(strings = {"platform", "virtual", "nested"})
  void aReloadWaitsForTheCallInFlightBeforeClosingTheOldVersion(String caller) throws Exception {
    for (String k : List.of("entered", "release", "closedA")) {
      System.clearProperty("hangar.test.dr." + k);
    }
    Path jar = blocking("dra", "A").writeTo(dir.resolve("acme-greeter-plugin-dr.jar"));
    JarFixtures.supplier("drx", "greeter", "outer", "\"x\"")
        .writeTo(dir.resolve("acme-greeter-plugin-outer.jar"));
    try (PluginHost host = host()) {
      JarHandle<Supplier<String>> h = supplier(host, "dr");
      JarHandle<Supplier<String>> outer = supplier(host, "outer");
      AtomicReference<String> inFlight = new AtomicReference<>();
      Runnable call = switch (caller) {
        case "nested" -> () -> inFlight.set(outer.call(x -> get(h)));
        default -> () -> inFlight.set(get(h));
      };
      Thread calling = (caller.equals("virtual") ? Thread.ofVirtual() : Thread.ofPlatform().daemon())
          .start(call);
      Polling.until(() -> System.getProperty("hangar.test.dr.entered") != null);
      Files.write(jar, blocking("drb", "B").toBytes());
      Thread reload = Thread.ofPlatform().daemon().start(() -> host.reloadJarPlugins(true));
      // B is current once the old version is retiring: it must still be open for the call
      try {
        Polling.until(() -> "B".equals(get(h)));
        // then the reload either waits (parked between looks at the calls in flight, so its
        // state flips between TIMED_WAITING and RUNNABLE) or is done
        AtomicReference<Thread.State> seen = new AtomicReference<>();
        Polling.until(() -> {
          Thread.State st = reload.getState();
          seen.set(st);
          return st == Thread.State.TIMED_WAITING || st == Thread.State.TERMINATED;
        });
        assertThat(seen.get()).as("the reload waits for the call")
            .isEqualTo(Thread.State.TIMED_WAITING);
        assertThat(System.getProperty("hangar.test.dr.closedA")).isNull();
      } finally {
        System.setProperty("hangar.test.dr.release", "yes");
      }
      calling.join();
      reload.join();
      assertThat(inFlight.get()).isEqualTo("A");
      assertThat(System.getProperty("hangar.test.dr.closedA")).isEqualTo("closed");
    }
  }

  @Test
  void aHandleFollowsReloadsAndFailsWithPluginNotFoundWhileUnloaded() throws Exception {
    Path jar = JarFixtures.supplier("jh3", "greeter", "r", "\"one\"")
        .writeTo(dir.resolve("acme-greeter-plugin-r.jar"));
    byte[] two = JarFixtures.supplier("jh4", "greeter", "r", "\"two\"").toBytes();
    try (PluginHost host = host()) {
      JarHandle<Supplier<String>> h = supplier(host, "r");
      assertThat(get(h)).isEqualTo("one");
      Files.write(jar, two);
      host.reloadJarPlugins(true);
      assertThat(get(h)).isEqualTo("two");
      Files.delete(jar);
      host.reloadJarPlugins(false);
      assertThatThrownBy(() -> h.call(Supplier::get)).isInstanceOfSatisfying(HangarException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND));
      Files.write(jar, two);
      host.reloadJarPlugins(false);
      assertThat(get(h)).isEqualTo("two");
    }
  }

  @Test
  void aReplacementThatIsNotATIsRefusedByTheHandle() throws Exception {
    Path jar = JarFixtures.supplier("jh5", "greeter", "t", "\"s\"")
        .writeTo(dir.resolve("acme-greeter-plugin-t.jar"));
    try (PluginHost host = host()) {
      JarHandle<Supplier<String>> h = supplier(host, "t");
      assertThatThrownBy(() -> host.jarHandle("greeter", "t", Runnable.class))
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.CAPABILITY_NOT_IMPLEMENTED));
      Files.write(jar, JarFixtures.plugin("jh6", "(Runnable) () -> { }",
          "Map.of(\"type\", \"greeter\", \"name\", \"t\")", "").toBytes());
      host.reloadJarPlugins(true);
      assertThatThrownBy(() -> h.call(Supplier::get)).isInstanceOfSatisfying(HangarException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.CAPABILITY_NOT_IMPLEMENTED));
    }
  }

  @Test
  void aClosedHostRefusesCallsThroughHandles() {
    JarFixtures.supplier("jh7", "greeter", "c", "\"c\"")
        .writeTo(dir.resolve("acme-greeter-plugin-c.jar"));
    PluginHost host = host();
    JarHandle<Supplier<String>> h = supplier(host, "c");
    host.close();
    assertThatThrownBy(() -> h.call(Supplier::get)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> host.jarHandle("greeter", "c", Supplier.class))
        .isInstanceOf(IllegalStateException.class);
  }
}
