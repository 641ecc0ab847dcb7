package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarWatchListenerTest {
  @TempDir Path dir;

  private final BlockingQueue<JarReload> reloads = new LinkedBlockingQueue<>();
  private final BlockingQueue<RuntimeException> failures = new LinkedBlockingQueue<>();

  private PluginHost watching() {
    return PluginHost.builder().dirs(new DiscoveryDirs(List.of(), List.of()))
        .pluginDirs(List.of(dir)).watch(true)
        .jarWatchListener(new JarWatchListener() {
          @Override
          public void reloaded(JarReload r) {
            if (!r.isEmpty()) {
              reloads.add(r);
            }
          }

          @Override
          public void reloadFailed(RuntimeException e) {
            failures.add(e);
          }
        }).build();
  }

  private JarReload next() throws InterruptedException {
    JarReload r = reloads.poll(10, TimeUnit.SECONDS);
    assertThat(r).as("a reload within 10 s").isNotNull();
    return r;
  }

  /** Writes {@code bytes} under a temporary name, then renames: the watcher sees one change. */
  private void drop(byte[] bytes, Path target) throws Exception {
    Path tmp = dir.resolve("incoming.tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void reportsLoadedReloadedRefusedAndRemovedJars() throws Exception {
    Path jar = dir.resolve("a-greeter-plugin-w.jar");
    try (PluginHost host = watching()) {
      drop(JarFixtures.supplier("wl1", "greeter", "w", "\"one\"").toBytes(), jar);
      JarReload first = next();
      assertThat(first.loaded()).singleElement().extracting(JarPluginInfo::file).isEqualTo(jar);
      assertThat(first.reloaded()).isEmpty();
      assertThat(first.plugins()).hasSize(1);

      drop(JarFixtures.supplier("wl2", "greeter", "w", "\"two\"").toBytes(), jar);
      JarReload second = next();
      assertThat(second.reloaded()).singleElement().extracting(JarPluginInfo::name).isEqualTo("w");
      assertThat(second.loaded()).isEmpty();
      @SuppressWarnings("unchecked")
      Supplier<String> s = host.jar("greeter", "w", Supplier.class).orElseThrow();
      assertThat(s.get()).isEqualTo("two");

      drop(new byte[] {'P', 'K', 1, 2}, jar);
      JarReload third = next();
      assertThat(third.refused()).singleElement().satisfies(j -> {
        assertThat(j.state()).isEqualTo(JarPluginState.FAILED);
        assertThat(j.error()).contains("a-greeter-plugin-w.jar");
      });
      assertThat(third.plugins()).singleElement().extracting(JarPluginInfo::state)
          .as("the previous version keeps serving").isEqualTo(JarPluginState.LOADED);
      assertThat(s.get()).isEqualTo("two");

      Files.delete(jar);
      JarReload fourth = next();
      assertThat(fourth.removed()).singleElement().extracting(JarPluginInfo::file).isEqualTo(jar);
      assertThat(fourth.plugins()).isEmpty();
      assertThat(failures).isEmpty();
    }
  }

  @Test
  void aNewJarThatIsRefusedIsReportedAsRefused() throws Exception {
    try (PluginHost host = watching()) {
      drop(new byte[0], dir.resolve("a-greeter-plugin-empty.jar"));
      JarReload r = next();
      assertThat(r.refused()).singleElement().extracting(JarPluginInfo::error).asString()
          .contains("a-greeter-plugin-empty.jar");
      assertThat(r.loaded()).isEmpty();
      assertThat(host.jarPlugins()).singleElement().extracting(JarPluginInfo::state)
          .isEqualTo(JarPluginState.FAILED);
    }
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheWatcher() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try (PluginHost host = PluginHost.builder().dirs(new DiscoveryDirs(List.of(), List.of()))
        .pluginDirs(List.of(dir)).watch(true)
        .jarWatchListener(new JarWatchListener() {
          @Override
          public void reloaded(JarReload r) {
            r.loaded().forEach(j -> seen.add(j.name()));
            throw new IllegalStateException("listener bug");
          }
        }).build()) {
      drop(JarFixtures.supplier("wl3", "greeter", "x1", "\"x\"").toBytes(),
          dir.resolve("a-greeter-plugin-x1.jar"));
      assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("x1");
      drop(JarFixtures.supplier("wl4", "greeter", "x2", "\"x\"").toBytes(),
          dir.resolve("a-greeter-plugin-x2.jar"));
      assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("x2");
      assertThat(host.jarPlugins()).hasSize(2);
    }
  }
}
