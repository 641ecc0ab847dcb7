package dev.hangar.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.sdk.RawHttp.Reply;
import dev.hangar.testkit.ShortTempDir;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK on the module path, as an application with a {@code module-info} runs it, in a JVM of
 * its own: with and without the {@code --add-exports} its blank-Host tolerance needs.
 */
class ModulePathTest {
  private static final String FLAG =
      "org.eclipse.jetty.server/org.eclipse.jetty.server.internal=dev.hangar.sdk";

  private final ShortTempDir dir = new ShortTempDir();
  private Process child;

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.getOutputStream().close();
      if (!child.waitFor(20, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    dir.close();
  }

  @Test
  void withoutTheExportAPluginServesAndWarnsThatABlankHostIsRefused() throws Exception {
    Path socket = start(false);

    assertThat(activate(socket, "plugin.moby.localhost").status()).isEqualTo(200);
    Reply blank = activate(socket, "");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.text()).startsWith("{\"Err\":");
    assertThat(stderr()).contains("is not exported to module dev.hangar.sdk")
        .contains("--add-exports " + FLAG);
  }

  @Test
  void withTheExportABlankHostIsAccepted() throws Exception {
    Path socket = start(true);

    assertThat(activate(socket, "").status()).isEqualTo(200);
    assertThat(activate(socket, "plugin.moby.localhost").text())
        .isEqualTo("{\"Implements\":[\"VolumeDriver\"]}\n");
    assertThat(stderr()).doesNotContain("is not exported");
  }

  private static Reply activate(Path socket, String host) throws IOException {
    return RawHttp.exchange(socket, RawHttp.request("POST", "/Plugin.Activate", null, host));
  }

  /** Starts {@link ModulePathServer} on this JVM's module path and waits for it to listen. */
  private Path start(boolean export) throws Exception {
    String modulePath = System.getProperty("jdk.module.path");
    assertThat(modulePath).as("the SDK's tests run on the module path").isNotBlank();
    // the test classes, patched into the SDK's module as surefire does
    Path testClasses = Path.of(
        ModulePathServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> cmd = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "--module-path", modulePath, "--patch-module", "dev.hangar.sdk=" + testClasses));
    if (export) {
      cmd.addAll(List.of("--add-exports", FLAG));
    }
    Path socket = dir.resolve("p.sock");
    cmd.addAll(List.of("-m", "dev.hangar.sdk/" + ModulePathServer.class.getName(),
        socket.toString()));
    child = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr").toFile()).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        return "failed: " + e;
      }
    }).get(60, TimeUnit.SECONDS);
    assertThat(line).as("the child's first line; its stderr: %s", stderr()).isEqualTo("ready");
    return socket;
  }

  private String stderr() throws IOException {
    Path f = dir.resolve("stderr");
    return Files.exists(f) ? Files.readString(f) : "";
  }
}
