package dev.hangar.managed.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.managed.internal.config.ConfigJson;
import dev.hangar.managed.internal.ref.PluginIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade interrupted at each step: the next load finds the plugin as it was (before the
 * commit point) or upgraded whole (after it), never a mix.
 */
class PluginStoreUpgradeTest {
  private static final PluginConfig CONFIG = ConfigJson.parse(("{\"Entrypoint\":[\"/p\"],"
      + "\"Interface\":{\"Types\":[\"docker.volumedriver/1.0\"],\"Socket\":\"p.sock\"}}")
      .getBytes(StandardCharsets.UTF_8), "config.json");

  @TempDir Path dir;
  private PluginStore store;
  private SavedPlugin old;
  private SavedPlugin next;

  @BeforeEach
  void create() throws IOException {
    store = new PluginStore(dir);
    store.load();
    Path staged = store.stage();
    Files.createDirectories(staged.resolve("rootfs"));
    Files.writeString(staged.resolve("rootfs/version"), "old");
    old = new SavedPlugin(PluginIds.random(), "p:latest", false, false, Optional.empty(), CONFIG,
        PluginSettings.initial(CONFIG), "example.org/p:1");
    store.commit(staged, old);
    next = old.withReference("example.org/p:2");
  }

  private Path plugin() {
    return store.pluginDir(old.id());
  }

  private Path newRootfs() throws IOException {
    Path r = Files.createDirectories(store.stage().resolve("rootfs"));
    Files.writeString(r.resolve("version"), "new");
    return r;
  }

  private void assertLoadsAs(String reference, String version) throws IOException {
    PluginStore.Loaded l = new PluginStore(dir).load();
    assertThat(l.problems()).isEmpty();
    assertThat(l.plugins()).singleElement().extracting(SavedPlugin::pluginReference)
        .isEqualTo(reference);
    assertThat(plugin().resolve("rootfs/version")).hasContent(version);
    try (var s = Files.list(plugin())) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("config.json", "rootfs");
    }
  }

  @Test
  void anUpgradeReplacesRootfsAndStateWhole() throws IOException {
    store.upgrade(newRootfs(), next);
    assertLoadsAs("example.org/p:2", "new");
  }

  @Test
  void aStateWriteKilledBeforeItsRenameLeavesNoTemporaryFileOnceLoaded() throws IOException {
    Files.writeString(plugin().resolve(".config.json.tmp-4242-1"), "{\"half\":");
    Files.writeString(plugin().resolve(".upgrade.json.tmp-4242-7"), "");
    assertLoadsAs("example.org/p:1", "old");
  }

  @Test
  void beforeTheCommitPointThePluginIsAsItWas() throws IOException {
    Files.move(newRootfs(), plugin().resolve("rootfs.new"));
    assertLoadsAs("example.org/p:1", "old");
  }

  @Test
  void afterTheCommitPointTheUpgradeIsFinishedAtEveryStep() throws IOException {
    // committed: rootfs.new and upgrade.json in place, nothing renamed yet
    Files.move(newRootfs(), plugin().resolve("rootfs.new"));
    store.save(next);
    Files.move(plugin().resolve("config.json"), plugin().resolve("upgrade.json"));
    store.save(old);
    assertLoadsAs("example.org/p:2", "new");

    // rootfs moved aside, the new one not yet in place
    Files.writeString(plugin().resolve("rootfs/version"), "old");
    store.save(old);
    Files.move(plugin().resolve("rootfs"), plugin().resolve("rootfs.old"));
    Files.move(newRootfs(), plugin().resolve("rootfs.new"));
    store.save(next);
    Files.move(plugin().resolve("config.json"), plugin().resolve("upgrade.json"));
    store.save(old);
    assertLoadsAs("example.org/p:2", "new");

    // the new rootfs in place, the state not yet
    store.save(next);
    Files.move(plugin().resolve("config.json"), plugin().resolve("upgrade.json"));
    store.save(old);
    Files.createDirectories(plugin().resolve("rootfs.old"));
    assertLoadsAs("example.org/p:2", "new");
  }

  @Test
  void anOldRootfsLeftWithoutACurrentOneIsPutBack() throws IOException {
    Files.move(plugin().resolve("rootfs"), plugin().resolve("rootfs.old"));
    assertLoadsAs("example.org/p:1", "old");
  }
}
