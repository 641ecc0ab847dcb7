package dev.hangar.bench.jar;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Loading N generated plugin JARs from a directory, Hangar against PF4J 3.15, in one run: each
 * measured invocation builds a fresh host (plugin manager), loads every JAR in its own class
 * loader, creates each implementation and calls it once. Unloading is not measured. The first
 * invocation of a fork is the coldest (nothing of the host's own code loaded yet); run with
 * several forks and no warm-up for cold figures. Retained heap: see {@link ColdLoadHeap}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ColdLoadBenchmark {

  /** Which plugin system loads. */
  @Param({"hangar", "pf4j"})
  public String side;

  /** How many plugin JARs. */
  @Param({"500"})
  public int plugins;

  private Path dir;
  private PluginSide loader;

  /** Generates the plugin JARs once per fork. */
  @Setup(Level.Trial)
  public void generate() {
    dir = PluginJars.tempDir("hangar-bench-" + side);
    if (side.equals("hangar")) {
      PluginJars.writeHangar(dir, plugins);
    } else {
      PluginJars.writePf4j(dir, plugins);
    }
  }

  /** Loads them all. */
  @Benchmark
  public int load() throws Exception {
    loader = PluginSide.of(side);
    int n = loader.load(dir);
    if (n != plugins) {
      throw new IllegalStateException(side + " loaded " + n + " of " + plugins + " plugins");
    }
    return n;
  }

  /** Unloads, outside the measurement. */
  @TearDown(Level.Invocation)
  public void unload() throws Exception {
    if (loader != null) {
      loader.close();
      loader = null;
    }
  }

  /** Removes the JARs. */
  @TearDown(Level.Trial)
  public void remove() {
    PluginJars.deleteTree(dir);
  }
}
