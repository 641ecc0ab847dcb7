package dev.hangar.bench;

import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.sdk.PluginServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * One plugin call round trip: the Hangar client calls {@code Bench.Echo} on a Hangar SDK server
 * in the same JVM, over a unix socket or TCP on loopback, with 1 or 32 concurrent callers sharing
 * one client (as Docker shares one client per plugin). The Go anchor in {@code bench/go} does
 * the same exchange with net/http and Docker's client; {@code bench/run.sh} compares the two.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CallRoundTripBenchmark {

  /** Where the server listens: {@code unix} (a socket under /tmp) or {@code tcp} (127.0.0.1). */
  @Param({"unix", "tcp"})
  public String transport;

  private final AtomicLong seq = new AtomicLong();
  private Path dir;
  private PluginServer server;
  private PluginClient client;

  /** Starts the server and activates the plugin once, as a host would. */
  @Setup(Level.Trial)
  public void start() throws IOException {
    String external = System.getProperty("bench.connect", "");
    if (!external.isEmpty()) {
      // Cross measurement: the Hangar client against another server (e.g. the Go anchor's).
      client = PluginClient.create("bench", PluginAddress.parse(external, null),
          ClientConfig.DEFAULT);
      client.call("Plugin.Activate", null, Object.class);
      roundTrip();
      return;
    }
    PluginServer.Builder b = PluginServer.builder().serve(Bench.class, request -> request);
    if (transport.equals("unix")) {
      dir = Files.createTempDirectory(Path.of("/tmp"), "hgbench");
      b.unixSocket(dir.resolve("bench.sock"));
    } else {
      b.tcp("127.0.0.1", 0);
    }
    server = b.start();
    client = PluginClient.create("bench", server.address(), ClientConfig.DEFAULT);
    client.call("Plugin.Activate", null, Object.class);
    roundTrip();
  }

  /** Stops client and server. */
  @TearDown(Level.Trial)
  public void stop() throws IOException {
    client.close();
    if (server != null) {
      server.close();
    }
    if (dir != null) {
      Files.deleteIfExists(dir.resolve("bench.sock"));
      Files.deleteIfExists(dir);
    }
  }

  /** One caller. */
  @Benchmark
  @Threads(1)
  public Echo oneCaller() {
    return roundTrip();
  }

  /** 32 concurrent callers on the same client. */
  @Benchmark
  @Threads(32)
  public Echo thirtyTwoCallers() {
    return roundTrip();
  }

  private Echo roundTrip() {
    long n = seq.incrementAndGet();
    Echo reply = client.call("Bench.Echo", Echo.request(n), Echo.class);
    if (reply.seq() != n) {
      throw new IllegalStateException("echo of " + n + " came back as " + reply.seq());
    }
    return reply;
  }
}
