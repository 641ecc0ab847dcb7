package dev.hangar.managed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.managed.internal.store.AtomicFiles;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.RegistryClient;
import dev.hangar.testkit.registry.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's real docker-registry on a free loopback port for one test class, with a registry
 * client of it (anonymous, no certificates): {@code @RegisterExtension static final
 * LoopbackRegistry REGISTRY = new LoopbackRegistry();}. The class is skipped where the registry
 * is not installed.
 */
final class LoopbackRegistry implements BeforeAllCallback, AfterAllCallback {
  private Path dir;
  private RegistryServer server;
  private RegistryClient client;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    assumeTrue(RegistryServer.available(), "docker-registry is not installed");
    dir = Files.createTempDirectory("hangar-registry-test");
    server = RegistryServer.builder(dir.resolve("registry")).start();
    client = RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(dir.resolve("no-certs")).build();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (client != null) {
        client.close();
      }
      if (server != null) {
        server.close();
      }
    } finally {
      if (dir != null) {
        AtomicFiles.deleteTree(dir);
      }
    }
  }

  /** The registry. */
  RegistryServer server() {
    return server;
  }

  /** The client. */
  RegistryClient client() {
    return client;
  }
}
