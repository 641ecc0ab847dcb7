package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Upgrades of pulled plugins to other images of Debian's real registry. */
class UpgradeTest {
  @RegisterExtension static final LoopbackRegistry REGISTRY = new LoopbackRegistry();

  @TempDir Path tmp;
  private ManagedPlugins managed;

  @BeforeEach
  void open() {
    managed = ManagedPlugins.open(ManagedSettings.defaults(tmp.resolve("root"))
        .withRegistry(REGISTRY.client()));
  }

  @AfterEach
  void close() {
    if (managed != null) {
      managed.close();
    }
  }

  private String push(String repoAndTag, String config, String motd) throws IOException {
    Reference ref = Reference.parse(REGISTRY.server().address() + "/" + repoAndTag);
    PluginImages.push(REGISTRY.client(), tmp.resolve("work"), ref, config,
        List.of(PluginImages.simpleLayer(motd)));
    return ref.toString();
  }

  private Path rootfs(ManagedPlugin p) {
    return tmp.resolve("root/managed").resolve(p.id()).resolve("rootfs");
  }

  private List<String> blobs() throws IOException {
    try (Stream<Path> s = Files.list(tmp.resolve("root/managed/blobs/sha256"))) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void anUpgradeReplacesImageAndReferenceAndKeepsIdNameAndSettings() throws Exception {
    String v1 = push("up/gp:1", PluginImages.CONFIG, "one");
    String v2 = push("up/gp:2", PluginImages.CONFIG.replace("test plugin", "version two"), "two");
    ManagedPlugin p = managed.pull(PullRequest.of(v1, List.of()), m -> { });
    managed.set(p.id(), List.of("DEBUG=1"));
    List<String> before = blobs();
    List<ManagedEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    managed.subscribe(events::add);

    ManagedPlugin up = managed.upgrade(p.name(), PullRequest.of(v2, List.of()), m -> { });

    assertThat(events).extracting(ManagedEvent::action, ManagedEvent::id).containsExactly(
        org.assertj.core.groups.Tuple.tuple("pull", v2),
        org.assertj.core.groups.Tuple.tuple("upgrade", p.id()));

    assertThat(up.id()).isEqualTo(p.id());
    assertThat(up.name()).isEqualTo(p.name());
    assertThat(up.pluginReference()).isEqualTo(v2);
    assertThat(up.config().description()).isEqualTo("version two");
    assertThat(up.settings().env()).containsExactly("DEBUG=1");
    assertThat(up.manifestDigest()).isNotEqualTo(p.manifestDigest());
    assertThat(rootfs(up).resolve("etc/motd")).hasContent("two");
    assertThat(rootfs(up).resolveSibling("rootfs.old")).doesNotExist();
    assertThat(before).hasSize(3);
    assertThat(blobs()).as("the old image's blobs are gone").hasSize(3)
        .doesNotContainAnyElementsOf(before);

    managed.close();
    managed = ManagedPlugins.open(ManagedSettings.defaults(tmp.resolve("root"))
        .withRegistry(REGISTRY.client()));
    ManagedPlugin again = managed.inspect(p.id());
    assertThat(again.pluginReference()).isEqualTo(v2);
    assertThat(again.settings().env()).containsExactly("DEBUG=1");
  }

  @Test
  void aFailedUpgradeLeavesThePluginAsItWas() throws Exception {
    String v1 = push("up/keep:1", PluginImages.CONFIG, "one");
    String priv = push("up/keep:priv", PluginImages.PRIVILEGED, "two");
    ManagedPlugin p = managed.pull(PullRequest.of(v1, List.of()), m -> { });

    assertThatThrownBy(() -> managed.upgrade(p.id(), PullRequest.of(priv, List.of()), m -> { }))
        .isInstanceOf(HangarException.class).hasMessage("incorrect privileges");
    assertThatThrownBy(() -> managed.upgrade(p.id(), PullRequest.of(
        REGISTRY.server().address() + "/up/keep:missing", List.of()), m -> { }))
        .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.MANIFEST_NOT_FOUND);

    ManagedPlugin same = managed.inspect(p.id());
    assertThat(same.pluginReference()).isEqualTo(v1);
    assertThat(same.manifestDigest()).isEqualTo(p.manifestDigest());
    assertThat(rootfs(same).resolve("etc/motd")).hasContent("one");
    try (Stream<Path> s = Files.list(tmp.resolve("root/managed/tmp"))) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void onlyADisabledPluginUpgradesAndAnUnknownOneIsNotFound() throws Exception {
    assertThatThrownBy(() -> managed.upgrade("nope", PullRequest.of("x/y", List.of()), m -> { }))
        .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
  }
}
