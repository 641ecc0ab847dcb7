package dev.hangar.sdk;

import java.nio.file.Path;

/**
 * A plugin server in a JVM of its own, for {@link ModulePathTest}: serves
 * {@code Plugin.Activate} on the unix socket its argument names, prints {@code ready}, and
 * stops at the end of its standard input.
 */
public final class ModulePathServer {
  private ModulePathServer() {}

  /** @param args the socket's path */
  public static void main(String[] args) throws Exception {
    try (PluginServer server = PluginServer.builder().implement("VolumeDriver")
        .unixSocket(Path.of(args[0])).start()) {
      System.out.println("ready");
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the test closes our stdin
      }
    }
  }
}
