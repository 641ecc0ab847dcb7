package dev.hangar.bench;

import dev.hangar.sdk.PluginServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * The benchmark's Hangar server on its own, for cross measurements (the Go client against it):
 * {@code java -cp benchmarks.jar dev.hangar.bench.EchoServer URL}, the URL being
 * {@code unix:///tmp/x.sock} or {@code tcp://127.0.0.1:PORT} (port 0 picks a free one).
 * Prints {@code listening <url>} and serves until killed.
 */
public final class EchoServer {
  private EchoServer() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws InterruptedException {
    URI uri = URI.create(args[0]);
    PluginServer.Builder b = PluginServer.builder().serve(Bench.class, request -> request);
    if (uri.getScheme().equals("unix")) {
      b.unixSocket(Path.of(uri.getPath()));
    } else {
      b.tcp(uri.getHost(), uri.getPort());
    }
    try (PluginServer server = b.start()) {
      System.out.println("listening " + server.address().url());
      server.awaitClose();
    }
  }
}
