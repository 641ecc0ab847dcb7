package dev.hangar;

import dev.hangar.protocol.client.Backoff;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.RetryClock;
import dev.hangar.testkit.ManualClock;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * A short temp root under /tmp with {@code sockets/} and {@code specs/}, a manual clock, a
 * recording client factory, and the servers and hosts made from them; all closed together.
 */
final class HostFixture implements AutoCloseable {
  final Path root;
  final Path sockets;
  final Path specs;
  final ManualClock clock = new ManualClock();
  final RecordingClientFactory factory = new RecordingClientFactory(PluginClientFactory.DEFAULT);
  private volatile IntConsumer onSleep = n -> {};
  private final List<AutoCloseable> toClose = new ArrayList<>();

  HostFixture() {
    try {
      root = Files.createTempDirectory(Path.of("/tmp"), "hg");
      sockets = Files.createDirectories(root.resolve("sockets"));
      specs = Files.createDirectories(root.resolve("specs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A host over the fixture's directories whose retries run on the manual clock. */
  PluginHost host(Duration retryDeadline) {
    ClientConfig config = ClientConfig.DEFAULT.withBackoff(new Backoff(retryDeadline))
        .withClock(RetryClock.of(clock::nanoTime, d -> {
          clock.sleep(d);
          onSleep.accept(clock.sleeps().size());
        })).withCallTimeout(Duration.ofSeconds(5));
    PluginHost h = PluginHost.builder()
        .dirs(new DiscoveryDirs(List.of(sockets), List.of(specs)))
        .clientConfig(config)
        .clientFactory(factory)
        .build();
    toClose.add(h);
    return h;
  }

  /** Runs {@code action} with the number of sleeps so far after every retry sleep. */
  void onSleep(IntConsumer action) {
    this.onSleep = action;
  }

  /** A host that never retries. */
  PluginHost host() {
    return host(Duration.ZERO);
  }

  /** A plugin listening on {@code sockets/<name>.sock}. */
  UnixPluginServer plugin(String name, String... implementsList) {
    return track(UnixPluginServer.start(sockets.resolve(name + ".sock"), implementsList));
  }

  <T extends AutoCloseable> T track(T t) {
    toClose.add(t);
    return t;
  }

  Path spec(String file, String text) {
    return ShortTempDir.write(specs.resolve(file), text);
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
