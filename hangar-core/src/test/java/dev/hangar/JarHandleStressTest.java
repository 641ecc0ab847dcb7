package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads while calls run, from every kind of caller (platform threads with a cell, virtual
 * threads and nested calls on the counters): no call ever runs on an implementation that was
 * closed before or while it ran.
 */
class JarHandleStressTest {
  @TempDir Path dir;

  /**
   * A greeter whose get() answers "CLOSED" when its implementation was closed before or during
   * the call; the call spins a little so that a reload has time to close it half-way.
   */
  private static PluginJarBuilder closing(String pkg, String value) {
    return PluginJarBuilder.create().classPath(JarFixtures.API).apiVersion("1.0")
        .source(pkg + ".Init", "package " + pkg + "; import dev.hangar.api.*; import java.util.*;"
            + " public final class Init implements PluginInit { public Loaded init(Map<String, String> o) {"
            + " return new Loaded(new Impl(), Map.of(\"type\", \"greeter\", \"name\", \"st\")); } }")
        .source(pkg + ".Impl", "package " + pkg + "; public final class Impl implements"
            + " java.util.function.Supplier<String>, AutoCloseable {"
            + " private volatile boolean closed;"
            + " public String get() { if (closed) { return \"CLOSED\"; }"
            + "   long x = 0; for (int i = 0; i < 20_000; i++) { x += i ^ x; }"
            + "   return closed ? \"CLOSED\" : (x == 42 ? \"?\" : \"" + value + "\"); }"
            + " public void close() { closed = true; } }")
        .pluginInit(pkg + ".Init");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static JarHandle<Supplier<String>> handle(PluginHost host, String name) {
    return (JarHandle) host.jarHandle("greeter", name, Supplier.class).orElseThrow();
  }

  @Test
  void noCallRunsOnAClosedImplementationWhileReloadsGoOn() throws Exception {
    Path jar = closing("sta", "A").writeTo(dir.resolve("acme-greeter-plugin-st.jar"));
    byte[] a = Files.readAllBytes(jar);
    byte[] b = closing("stb", "B").toBytes();
    JarFixtures.supplier("sto", "greeter", "outer", "\"o\"")
        .writeTo(dir.resolve("acme-greeter-plugin-outer.jar"));
    try (PluginHost host = PluginHost.builder().dirs(new DiscoveryDirs(List.of(), List.of()))
        .pluginDirs(List.of(dir)).build()) {
      JarHandle<Supplier<String>> h = handle(host, "st");
      JarHandle<Supplier<String>> outer = handle(host, "outer");
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        Supplier<String> call = switch (t % 3) {
          case 0 -> () -> h.call(Supplier::get);
          case 1 -> () -> outer.call(o -> h.call(Supplier::get)); // nested: the counters
          default -> () -> h.call(Supplier::get);
        };
        Thread.Builder builder = t % 3 == 2 ? Thread.ofVirtual() : Thread.ofPlatform();
        callers.add(builder.start(() -> {
          while (!stop.get()) {
            try {
              String v = call.get();
              seen.computeIfAbsent(v, k -> new AtomicLong()).incrementAndGet();
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            }
          }
        }));
      }
      Random random = new Random(20261123);
      for (int i = 0; i < 12; i++) {
        Files.write(jar, i % 2 == 0 ? b : a);
        host.reloadJarPlugins(true);
        Thread.sleep(random.nextInt(5)); // vary where in the calls the next reload falls
      }
      stop.set(true);
      for (Thread t : callers) {
        t.join();
      }
      assertThat(failure.get()).as("no caller failed").isNull();
      assertThat(seen).as("every answer came from an open implementation")
          .doesNotContainKey("CLOSED").containsKeys("A", "B");
    }
  }
}
