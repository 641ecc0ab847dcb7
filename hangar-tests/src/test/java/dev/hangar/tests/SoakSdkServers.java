package dev.hangar.tests;

import dev.hangar.sdk.PluginServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak run's SDK socket plugins, in a JVM of their own so that the host's file descriptors,
 * threads and memory are the host's alone: {@code java -cp <test class path>
 * dev.hangar.tests.SoakSdkServers SOCKET...} serves {@link SoakEcho} on every socket, prints
 * {@code listening} once all accept connections, and serves until killed.
 */
public final class SoakSdkServers {
  private SoakSdkServers() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws InterruptedException {
    List<PluginServer> servers = new ArrayList<>();
    for (String socket : args) {
      servers.add(PluginServer.builder().serve(SoakEcho.class, request -> request)
          .unixSocket(Path.of(socket)).start());
    }
    System.out.println("listening " + String.join(" ", args));
    servers.get(0).awaitClose();
  }
}
