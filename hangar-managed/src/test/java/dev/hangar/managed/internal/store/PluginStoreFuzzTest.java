package dev.hangar.managed.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.FuzzFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the reading of a managed plugin's saved state, {@code <root>/managed/<id>/config.json},
 * as {@link PluginStore#load} reads it at open: for any bytes, the plugin, or STATE_INVALID
 * naming the plugin and the file (reported for that plugin while the others load), never
 * another exception. A state that reads saves and reads back the same. Seeds are states as
 * Hangar saves them (created from a package, pulled from a registry, failed) and near-misses.
 */
class PluginStoreFuzzTest {
  private static final String ID =
      "3b1ee8c09f4cfb4d3a72e6c1d6dbc1e2fe1b5fd0e73b6f2b9e2b1d8f0a4c5e67";
  private static final PluginStore STORE = store();

  @FuzzTest
  @Timeout(10)
  void stateFile(byte[] input) {
    FuzzFiles.write("managed/" + ID + "/config.json", input);
    SavedPlugin s;
    try {
      s = STORE.read(ID);
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.STATE_INVALID);
      assertThat(e.getMessage()).startsWith("managed plugin " + ID + ": cannot read its state "
          + STORE.pluginDir(ID).resolve("config.json"));
      return;
    }
    assertThat(s.id()).isEqualTo(ID);
    STORE.save(s);
    assertThat(STORE.read(ID)).isEqualTo(s);
  }

  private static PluginStore store() {
    Path dir = FuzzFiles.fresh("managed");
    try {
      Files.createDirectories(dir.resolve(ID).resolve("rootfs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PluginStore(dir);
  }
}
