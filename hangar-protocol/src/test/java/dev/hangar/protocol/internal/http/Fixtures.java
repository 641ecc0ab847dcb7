package dev.hangar.protocol.internal.http;

import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.Responder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Servers, clients and a short socket directory for one test; closes them all. */
final class Fixtures implements AutoCloseable {
  /** No retries, short timeouts: tests fail fast. */
  static final ClientConfig FAST = ClientConfig.DEFAULT.withBackoff(Backoff.NONE)
      .withCallTimeout(Duration.ofSeconds(10));

  final Path dir;
  private final List<AutoCloseable> owned = new ArrayList<>();

  Fixtures() throws IOException {
    // unix socket paths must stay under 108 bytes: a short directory under /tmp
    dir = Files.createTempDirectory(Path.of("/tmp"), "hg");
  }

  static Reply ok(String json) {
    return Reply.json(200, json);
  }

  RawPluginServer unix(Responder r) throws IOException {
    return own(RawPluginServer.unix(dir.resolve("p" + owned.size() + ".sock"), r));
  }

  RawPluginServer tcp(Responder r) throws IOException {
    return own(RawPluginServer.tcp(r));
  }

  /** A unix or a TCP server, by name: "unix" or "tcp". */
  RawPluginServer server(String kind, Responder r) throws IOException {
    return kind.equals("unix") ? unix(r) : tcp(r);
  }

  PluginClient client(RawPluginServer server) {
    return client(server, FAST);
  }

  PluginClient client(RawPluginServer server, ClientConfig config) {
    return own(PluginClient.create("test-plugin", PluginAddress.parse(server.url(), null), config));
  }

  PluginClient client(PluginAddress address, ClientConfig config) {
    return own(PluginClient.create("test-plugin", address, config));
  }

  <T extends AutoCloseable> T own(T t) {
    owned.add(t);
    return t;
  }

  @Override
  public void close() throws Exception {
    for (int i = owned.size() - 1; i >= 0; i--) {
      owned.get(i).close();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
