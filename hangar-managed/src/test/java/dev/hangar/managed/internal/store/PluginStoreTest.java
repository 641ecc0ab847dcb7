package dev.hangar.managed.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.managed.internal.config.ConfigJson;
import dev.hangar.managed.internal.ref.PluginIds;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginStoreTest {
  private static final PluginConfig CONFIG = ConfigJson.parse(("{\"Entrypoint\":[\"/p\"],"
      + "\"Interface\":{\"Types\":[\"docker.volumedriver/1.0\"],\"Socket\":\"p.sock\"}}")
      .getBytes(StandardCharsets.UTF_8), "config.json");

  @TempDir Path dir;

  @Test
  void aStateFileLargerThanTheStoreWritesIsReportedForItsPluginWithoutReadingItWhole()
      throws IOException {
    PluginStore store = new PluginStore(dir);
    store.load();
    SavedPlugin kept = commit(store, "kept:latest");
    SavedPlugin grown = commit(store, "grown:latest");
    Path state = store.pluginDir(grown.id()).resolve("config.json");
    try (OutputStream out = Files.newOutputStream(state)) {
      out.write('{');
      out.write(new byte[PluginStore.MAX_STATE_BYTES]); // NULs: never valid JSON either
    }

    PluginStore.Loaded l = new PluginStore(dir).load();
    assertThat(l.plugins()).extracting(SavedPlugin::id).containsExactly(kept.id());
    assertThat(l.problems()).singleElement().asString()
        .contains("managed plugin " + grown.id(), state.toString(),
            "larger than a state file can be (16777216 bytes)");
  }

  private static SavedPlugin commit(PluginStore store, String name) throws IOException {
    Path staged = store.stage();
    Files.createDirectories(staged.resolve("rootfs"));
    SavedPlugin p = new SavedPlugin(PluginIds.random(), name, false, false, Optional.empty(),
        CONFIG, PluginSettings.initial(CONFIG), "example.org/" + name);
    store.commit(staged, p);
    return p;
  }
}
