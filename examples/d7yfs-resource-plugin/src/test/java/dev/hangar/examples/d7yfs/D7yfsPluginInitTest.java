package dev.hangar.examples.d7yfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.api.Loaded;
import dev.hangar.api.PluginInit;
import dev.hangar.api.resource.ResourceClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class D7yfsPluginInitTest {

  @Test
  void initIsFoundAsAServiceAndGivesTheResourceAttributes(@TempDir Path root) throws Exception {
    PluginInit init = ServiceLoader.load(PluginInit.class).findFirst().orElseThrow();
    Loaded loaded = init.init(Map.of("root", root.toString()));
    assertThat(loaded.implementation()).isInstanceOf(ResourceClient.class);
    assertThat(loaded.attributes()).containsEntry("type", "resource").containsEntry("name", "d7yfs")
        .containsEntry("scheme", "d7yfs").containsEntry("vendor", "d7y")
        .containsKeys("buildCommit", "buildTime");
    assertThat(loaded.attributes().get("buildCommit")).matches("[0-9a-f]{40}|unknown");
  }

  @Test
  void missingOrBadRootIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> new D7yfsPluginInit().init(Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("option 'root' is required");
    assertThatThrownBy(() -> new D7yfsPluginInit().init(Map.of("root", dir.resolve("none").toString())))
        .hasMessageContaining("not a directory");
  }
}
