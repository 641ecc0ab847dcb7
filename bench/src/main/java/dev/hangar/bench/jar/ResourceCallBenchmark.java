package dev.hangar.bench.jar;

import dev.hangar.JarHandle;
import dev.hangar.PluginHost;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The call the typed lookup is for: {@code ResourceClient.contentLength} on the
 * repository's own {@code d7yfs} example plugin (its built JAR, loaded as {@code hangar get}
 * loads it), through the host's {@link JarHandle}, through the typed proxy of
 * {@code host.jar("resource", "d7yfs", ResourceClient.class)}, and directly on the very same
 * implementation object. The call answers the size of a 4 KiB file under the plugin's root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResourceCallBenchmark {

  private Path dir;
  private PluginHost host;
  private JarHandle<ResourceClient> handle;
  private ResourceClient proxy;
  private ResourceClient direct;
  private ResourceRequest request;

  /** Copies the example JAR into a plugin dir, loads it and takes the three references. */
  @Setup
  public void setUp() throws IOException {
    dir = PluginJars.tempDir("hangar-bench-resource");
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.write(root.resolve("blob.bin"), new byte[4096]);
    Files.copy(exampleJar(), plugins.resolve("d7y-resource-plugin-d7yfs.jar"));
    host = PluginHost.builder().pluginDirs(List.of(plugins))
        .pluginOptions(file -> Map.of("root", root.toString())).build();
    proxy = host.jar("resource", "d7yfs", ResourceClient.class).orElseThrow(
        () -> new IllegalStateException("d7yfs not loaded: " + host.jarPlugins()));
    handle = host.jarHandle("resource", "d7yfs", ResourceClient.class).orElseThrow();
    direct = handle.call(c -> c);
    request = ResourceRequest.of(URI.create("d7yfs://localhost/blob.bin"));
    if (direct.contentLength(request) != 4096 || handle() != 4096 || proxy() != 4096) {
      throw new IllegalStateException("d7yfs answers a wrong length");
    }
  }

  /** Through the host's {@link JarHandle}. */
  @Benchmark
  public long handle() throws IOException {
    ResourceRequest r = request;
    return handle.call(c -> c.contentLength(r));
  }

  /** Through the typed proxy of {@code host.jar}. */
  @Benchmark
  public long proxy() throws IOException {
    return proxy.contentLength(request);
  }

  /** On the implementation directly. */
  @Benchmark
  public long direct() throws IOException {
    return direct.contentLength(request);
  }

  /** Closes the host. */
  @TearDown
  public void tearDown() {
    host.close();
    PluginJars.deleteTree(dir);
  }

  /**
   * The example's JAR, built by {@code ./mvnw -pl examples/d7yfs-resource-plugin -am package}:
   * {@code -Dhangar.bench.d7yfs=FILE}, else found from where this class was loaded
   * ({@code bench/target/benchmarks.jar} in the repository).
   */
  static Path exampleJar() {
    String given = System.getProperty("hangar.bench.d7yfs");
    Path jar;
    if (given != null) {
      jar = Path.of(given);
    } else {
      try {
        Path self = Path.of(ResourceCallBenchmark.class.getProtectionDomain().getCodeSource()
            .getLocation().toURI());
        jar = self.getParent().getParent().getParent()
            .resolve("examples/d7yfs-resource-plugin/target/d7y-resource-plugin-d7yfs.jar");
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new UncheckedIOException(new IOException("the d7yfs example is not built (" + jar
          + "): ./mvnw -pl examples/d7yfs-resource-plugin -am package, or -Dhangar.bench.d7yfs=FILE"));
    }
    return jar;
  }
}
