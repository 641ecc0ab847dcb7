package dev.hangar.bench.jar;

import dev.hangar.JarHandle;
import dev.hangar.PluginHost;
import dev.hangar.api.ApiVersion;
import dev.hangar.api.PluginInit;
import dev.hangar.testkit.PluginJarBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A call through the host's handles against a direct call on the same implementation object:
 * {@code handle} is the fastest public path, a {@link JarHandle} ({@code host.jarHandle("hasher",
 * "bench", Function.class)} and {@code handle.call(f -> f.apply(argument))}); {@code proxy} is the
 * typed proxy of {@code host.jar("hasher", "bench", Function.class)}. Both set the plugin's class
 * loader as the thread's context class loader around the call and follow reloads. The plugin
 * hands out its own object when called with {@link #SELF}, so every side runs the very same code
 * on the same instance.
 *
 * <p>{@code work=trivial} returns the input's length (the handle's overhead in absolute terms);
 * {@code work=sha256} hashes it, a call of the size the {@code hasher} example makes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandleCallBenchmark {

  /** The argument that makes the plugin return itself. */
  static final String SELF = "\0self";

  private static final String INIT = """
      package bench.c;
      public final class Init implements dev.hangar.api.PluginInit {
        public dev.hangar.api.Loaded init(java.util.Map<String, String> options) {
          return new dev.hangar.api.Loaded(new Work(), java.util.Map.of("type", "hasher", "name", "bench"));
        }
      }
      """;
  private static final String WORK = """
      package bench.c;
      public final class Work implements java.util.function.Function<Object, Object> {
        public Object apply(Object in) {
          if ("\\0self".equals(in)) {
            return this;
          }
          String s = (String) in;
          if (s.startsWith("sha256:")) {
            try {
              return java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          }
          return s.length();
        }
      }
      """;

  /** What the call does. */
  @Param({"trivial", "sha256"})
  public String work;

  private Path dir;
  private PluginHost host;
  private JarHandle<Function<Object, Object>> handle;
  private Function<Object, Object> proxy;
  private Function<Object, Object> direct;
  private String argument;

  /** Builds the plugin, loads it and takes both references. */
  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    dir = PluginJars.tempDir("hangar-bench-call");
    PluginJarBuilder.create().classPath(PluginJarBuilder.classPathOf(PluginInit.class))
        .apiVersion(ApiVersion.CURRENT.toString()).pluginInit("bench.c.Init")
        .source("bench.c.Init", INIT).source("bench.c.Work", WORK)
        .writeTo(dir.resolve("bench-hasher-plugin-bench.jar"));
    host = PluginHost.builder().pluginDirs(List.of(dir)).build();
    proxy = host.jar("hasher", "bench", Function.class).orElseThrow(
        () -> new IllegalStateException("not loaded: " + host.jarPlugins()));
    handle = (JarHandle<Function<Object, Object>>) (JarHandle<?>) host
        .jarHandle("hasher", "bench", Function.class).orElseThrow();
    direct = (Function<Object, Object>) proxy.apply(SELF);
    argument = work.equals("sha256") ? "sha256:hangar-bench-argument" : "hangar-bench-argument";
  }

  /** Through the host's {@link JarHandle}: the fastest public path. */
  @Benchmark
  public Object handle() {
    String a = argument;
    return handle.call(f -> f.apply(a));
  }

  /** Through the host's typed proxy. */
  @Benchmark
  public Object proxy() {
    return proxy.apply(argument);
  }

  /** On the implementation directly. */
  @Benchmark
  public Object direct() {
    return direct.apply(argument);
  }

  /** Closes the host. */
  @TearDown
  public void tearDown() {
    host.close();
    PluginJars.deleteTree(dir);
  }

  /**
   * The same three calls outside JMH, for a shared machine: rounds alternate between the sides,
   * each timed by the thread's CPU time (time spent descheduled is not counted), and the best
   * round per side is kept. Prints one line per work.
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating"
        + " Blackholes directly is dangerous.");
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (String w : List.of("trivial", "sha256")) {
      HandleCallBenchmark b = new HandleCallBenchmark();
      b.work = w;
      b.setUp();
      int n = w.equals("trivial") ? 2_000_000 : 200_000;
      double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
      for (int r = 0; r < rounds; r++) {
        for (int side = 0; side < 3; side++) {
          long t0 = cpu.getCurrentThreadCpuTime();
          switch (side) {
            case 0 -> direct(b, n, bh);
            case 1 -> handle(b, n, bh);
            default -> proxy(b, n, bh);
          }
          best[side] = Math.min(best[side], (cpu.getCurrentThreadCpuTime() - t0) / (double) n);
        }
      }
      b.tearDown();
      System.out.printf(Locale.ROOT, "(a) thread CPU, best of %d rounds, work=%-8s direct %.1f ns;"
          + " handle %.1f ns (+%.1f ns, ratio %.3f); proxy %.1f ns (+%.1f ns, ratio %.3f)%n",
          rounds, w, best[0], best[1], best[1] - best[0], best[1] / best[0], best[2],
          best[2] - best[0], best[2] / best[0]);
    }
    bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
  }

  private static void direct(HandleCallBenchmark b, int n, Blackhole bh) {
    for (int i = 0; i < n; i++) {
      bh.consume(b.direct());
    }
  }

  private static void handle(HandleCallBenchmark b, int n, Blackhole bh) {
    for (int i = 0; i < n; i++) {
      bh.consume(b.handle());
    }
  }

  private static void proxy(HandleCallBenchmark b, int n, Blackhole bh) {
    for (int i = 0; i < n; i++) {
      bh.consume(b.proxy());
    }
  }
}
