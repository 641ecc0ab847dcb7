package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.exec.ExecResult;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JAR and exec plugins a root has installed from registries ({@code docs/protocol.md}
 * section 16.4), laid out as the managed store publishes them: links under
 * {@code <root>/managed/jars} and {@code <root>/managed/exec} into each plugin's rootfs.
 */
class InstalledPluginsTest {
  private static final String JAR = "acme-resource-plugin-mem.jar";
  private static final String JAR_ID = "a".repeat(64);
  private static final String EXEC_ID = "b".repeat(64);

  @TempDir Path root;

  private PluginHost.Builder builder() {
    return PluginHost.builder().dirs(DiscoveryDirs.defaults(root))
        .pluginDirs(List.of(root.resolve("plugins"))).execDirs(List.of(root.resolve("exec")));
  }

  /** Unpacks a resource plugin into its rootfs, as an install does; not yet enabled. */
  private void installJar() throws IOException {
    Path rootfs = Files.createDirectories(root.resolve("managed").resolve(JAR_ID)
        .resolve("rootfs"));
    JarFixtures.resource("inst", "mem", "mem").writeTo(rootfs.resolve(JAR));
  }

  private void enableJar() throws IOException {
    Path jars = Files.createDirectories(root.resolve("managed/jars"));
    Files.createSymbolicLink(jars.resolve(JAR), Path.of("..", JAR_ID, "rootfs", JAR));
  }

  /** Unpacks an exec bundle whose declaration names its executable relatively. */
  private void installExec() throws IOException {
    Path rootfs = Files.createDirectories(root.resolve("managed").resolve(EXEC_ID)
        .resolve("rootfs"));
    Path bin = Files.createDirectories(rootfs.resolve("bin"));
    Path script = bin.resolve("greet");
    Files.writeString(script, "#!/bin/sh\nprintf '20::{\"hello\":\"%s\"}\\n' \"$1\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(rootfs.resolve("greet.plugin.toml"),
        "[plugin.greet]\npath = \"bin/greet\"\nexports = [\"hello\"]\n");
  }

  private void enableExec() throws IOException {
    Path exec = Files.createDirectories(root.resolve("managed/exec"));
    Files.createSymbolicLink(exec.resolve(EXEC_ID), Path.of("..", EXEC_ID, "rootfs"));
  }

  @Test
  void anEnabledInstalledJarIsLoadedAfterThePluginDirectories() throws IOException {
    installJar();
    enableJar();
    try (PluginHost host = builder().installed(root).build()) {
      assertThat(host.pluginDirs()).containsExactly(root.resolve("plugins"),
          root.resolve("managed/jars"));
      assertThat(host.installedRoot()).contains(root);
      assertThat(host.resourceClients()).containsOnlyKeys("mem");
    }
  }

  @Test
  void anInstalledJarThatIsNotEnabledIsNotLoaded() throws IOException {
    installJar();
    try (PluginHost host = builder().installed(root).build()) {
      assertThat(host.jarPlugins()).isEmpty();
    }
  }

  @Test
  void noInstalledLoadsOnlyTheDirectoriesGiven() throws IOException {
    installJar();
    enableJar();
    installExec();
    enableExec();
    try (PluginHost host = builder().installed(root).noInstalled().build()) {
      assertThat(host.installedRoot()).isEmpty();
      assertThat(host.pluginDirs()).containsExactly(root.resolve("plugins"));
      assertThat(host.jarPlugins()).isEmpty();
      assertThat(host.execs().list()).isEmpty();
    }
  }

  @Test
  void theManagedRootIsTheInstalledRootByDefault() {
    try (PluginHost host = builder().managed(dev.hangar.managed.ManagedSettings.defaults(root))
        .build()) {
      assertThat(host.installedRoot()).contains(root);
    }
  }

  @Test
  void anEnabledExecBundleIsCalledLikeAnyExecPluginItsRelativePathThroughTheLink()
      throws IOException {
    installExec();
    enableExec();
    try (PluginHost host = builder().installed(root).build()) {
      ExecResult r = host.exec("greet.hello", null);
      assertThat(((ExecResult.Json) r).value().get("hello").asText()).isEqualTo("hello");
      assertThat(host.execs().list()).singleElement().satisfies(d -> assertThat(d.path())
          .isEqualTo(root.resolve("managed/exec").resolve(EXEC_ID).resolve("bin/greet")));
    }
  }

  @Test
  void hiddenEntriesOfTheBundleDirectoryAreSkipped() throws IOException {
    installExec();
    Path exec = Files.createDirectories(root.resolve("managed/exec"));
    // a link being made: the store renames it into place when it is whole
    Files.createSymbolicLink(exec.resolve("." + EXEC_ID + ".tmp"),
        Path.of("..", EXEC_ID, "rootfs"));
    try (PluginHost host = builder().installed(root).build()) {
      assertThat(host.execs().list()).isEmpty();
      assertThatThrownBy(() -> host.exec("greet.hello", null))
          .isInstanceOfSatisfying(HangarException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
            assertThat(e.getMessage()).contains("installed bundles of [" + exec + "]");
          });
    }
  }

  @Test
  void aWatchingHostSeesAnEnableAndADisableOfEitherKind() throws IOException {
    installJar();
    installExec();
    try (PluginHost host = builder().installed(root).watch(true).build()) {
      assertThat(host.jarPlugins()).isEmpty();
      assertThat(host.execs().list()).isEmpty();
      enableJar();
      enableExec();
      Polling.until(() -> host.resourceClients().containsKey("mem"));
      Polling.until(() -> host.execs().find("greet").isPresent());
      Files.delete(root.resolve("managed/jars").resolve(JAR));
      Files.delete(root.resolve("managed/exec").resolve(EXEC_ID));
      Polling.until(() -> host.resourceClients().isEmpty());
      Polling.until(() -> host.execs().find("greet").isEmpty());
    }
  }
}
