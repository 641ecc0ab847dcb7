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
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
