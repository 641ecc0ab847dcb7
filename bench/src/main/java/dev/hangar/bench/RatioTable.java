package dev.hangar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Prints the tables of {@code bench/run.sh} from its run directories, one per run, and the
 * spread of every ratio over the runs. A target is met only when it holds in every run.
 *
 * <p>A run directory holds, per transport ({@code unix}, {@code tcp}), with every server in a
 * process of its own (as a plugin is):
 *
 * <ul>
 *   <li>{@code hangar-NET.json}: JMH's result of {@link CallRoundTripBenchmark}, the Hangar
 *       client against the Hangar SDK server;
 *   <li>{@code go-NET.json}: the Go anchor's, Docker's client against Go's {@code net/http};
 *   <li>{@code go-to-hangar-NET.json}: the anchor's, Docker's client against the Hangar SDK
 *       server;
 *   <li>optionally {@code hangar-to-go-NET.json} (JMH, the Hangar client against the Go
 *       server) and {@code inprocess-hangar.json} with {@code inprocess-go.json} (client and
 *       server in one process), shown for information.
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.hangar.bench.RatioTable RUN_DIR...}
 */
public final class RatioTable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] NETS = {"unix", "tcp"};

  /** One figure of one case. */
  private enum Metric { P50, P99, OPS }

  /** A target: a ratio of one metric that must stay on one side of a bound. */
  private record Target(String label, String net, int callers, Metric metric, double bound,
      boolean atMost, boolean server) {
    boolean holds(double ratio) {
      return atMost ? ratio <= bound : ratio >= bound;
    }
  }

  private static final List<Target> TARGETS = List.of(
      new Target("1-caller p50, unix", "unix", 1, Metric.P50, 1, true, false),
      new Target("1-caller p50, tcp", "tcp", 1, Metric.P50, 1, true, false),
      new Target("32-caller calls/s, unix", "unix", 32, Metric.OPS, 1, false, false),
      new Target("32-caller calls/s, tcp", "tcp", 32, Metric.OPS, 1, false, false),
      new Target("32-caller p99, unix", "unix", 32, Metric.P99, 1, true, false),
      new Target("32-caller p99, tcp", "tcp", 32, Metric.P99, 1, true, false),
      new Target("Docker client: SDK server / Go server, p50 unix", "unix", 1, Metric.P50, 1.1,
          true, true),
      new Target("Docker client: SDK server / Go server, p50 tcp", "tcp", 1, Metric.P50, 1.1,
          true, true));

  private RatioTable() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: RatioTable RUN_DIR...");
      System.exit(2);
    }
    List<Run> runs = new ArrayList<>();
    for (String a : args) {
      runs.add(Run.read(Path.of(a)));
    }
    print(runs, System.out);
  }

  /** The results of one run, by file name without {@code .json}. */
  private record Run(Path dir, Map<String, JsonNode> files) {
    static Run read(Path dir) throws IOException {
      Map<String, JsonNode> files = new LinkedHashMap<>();
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.sorted().toList()) {
          String name = p.getFileName().toString();
          if (name.endsWith(".json")) {
            files.put(name.substring(0, name.length() - 5), JSON.readTree(p.toFile()));
          }
        }
      }
      return new Run(dir, files);
    }

    Optional<JsonNode> file(String name) {
      return Optional.ofNullable(files.get(name));
    }

    /** A metric of the Hangar client (JMH) from {@code file}. */
    double jmh(String file, String net, int callers, Metric m) {
      String mode = m == Metric.OPS ? "thrpt" : "sample";
      for (JsonNode r : file(file).orElse(JSON.createArrayNode())) {
        if (r.get("mode").asText().equals(mode) && r.get("threads").asInt() == callers
            && net.equals(r.at("/params/transport").asText())) {
          return switch (m) {
            case P50 -> percentile(r, "50.0");
            case P99 -> percentile(r, "99.0");
            case OPS -> opsPerSecond(r);
          };
        }
      }
      return Double.NaN;
    }

    /** A metric of Docker's client (the anchor) from {@code file}. */
    double anchor(String file, String net, int callers, Metric m) {
      for (JsonNode r : file(file).orElse(JSON.createArrayNode())) {
        if (r.get("client").asText().equals("docker") && r.get("transport").asText().equals(net)
            && r.get("callers").asInt() == callers) {
          return r.get(switch (m) {
            case P50 -> "p50Micros";
            case P99 -> "p99Micros";
            case OPS -> "opsPerSecond";
          }).asDouble();
        }
      }
      return Double.NaN;
    }

    /** The ratio a target judges in this run. */
    double ratio(Target t) {
      if (t.server()) {
        return anchor("go-to-hangar-" + t.net(), t.net(), t.callers(), t.metric())
            / anchor("go-" + t.net(), t.net(), t.callers(), t.metric());
      }
      return jmh("hangar-" + t.net(), t.net(), t.callers(), t.metric())
          / anchor("go-" + t.net(), t.net(), t.callers(), t.metric());
    }
  }

  private static void print(List<Run> runs, PrintStream out) {
    for (int i = 0; i < runs.size(); i++) {
      Run run = runs.get(i);
      out.println();
      out.printf(Locale.ROOT, "Run %d of %d (%s): each server in a process of its own%n", i + 1,
          runs.size(), run.dir().getFileName());
      table(out, "Hangar client -> Hangar SDK server  vs  Docker's client -> Go net/http",
          (net, c, m) -> run.jmh("hangar-" + net, net, c, m),
          (net, c, m) -> run.anchor("go-" + net, net, c, m));
      table(out, "Docker's client -> Hangar SDK server  vs  Docker's client -> Go net/http",
          (net, c, m) -> run.anchor("go-to-hangar-" + net, net, c, m),
          (net, c, m) -> run.anchor("go-" + net, net, c, m));
      if (run.file("hangar-to-go-unix").isPresent() || run.file("hangar-to-go-tcp").isPresent()) {
        table(out, "Hangar client -> Go net/http  vs  Docker's client -> Go net/http",
            (net, c, m) -> run.jmh("hangar-to-go-" + net, net, c, m),
            (net, c, m) -> run.anchor("go-" + net, net, c, m));
      }
      if (run.file("inprocess-hangar").isPresent()) {
        table(out, "In one process (informational): Hangar client + server  vs  Go client + server",
            (net, c, m) -> run.jmh("inprocess-hangar", net, c, m),
            (net, c, m) -> run.anchor("inprocess-go", net, c, m));
      }
    }
    out.println();
    out.printf(Locale.ROOT, "Targets over %d run(s): min and max of each ratio; met only when"
        + " every run meets it%n", runs.size());
    out.printf(Locale.ROOT, "%-50s %8s %6s %6s  %s%n", "target", "bound", "min", "max",
        "verdict");
    out.println("-".repeat(84));
    boolean all = true;
    for (Target t : TARGETS) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      boolean met = true;
      for (Run r : runs) {
        double ratio = r.ratio(t);
        min = Math.min(min, ratio);
        max = Math.max(max, ratio);
        met &= t.holds(ratio);
      }
      all &= met;
      out.printf(Locale.ROOT, "%-50s %8s %6s %6s  %s%n", t.label(),
          (t.atMost() ? "<= " : ">= ") + t.bound(), ratio(min), ratio(max),
          met ? "met" : "MISSED");
    }
    out.println();
    out.println("ratio = Hangar side / Go side. Targets " + (all ? "met." : "NOT met."));
  }

  /** A metric of one side of a table. */
  @FunctionalInterface
  private interface Side {
    double get(String net, int callers, Metric m);
  }

  private static void table(PrintStream out, String title, Side hangar, Side go) {
    out.println();
    out.println(title);
    out.println("(latency in microseconds, throughput in calls per second)");
    String head = "%-5s %7s | %8s %8s %6s | %8s %8s %6s | %9s %9s %6s%n";
    out.printf(Locale.ROOT, head, "net", "callers", "p50 hg", "p50 go", "ratio", "p99 hg",
        "p99 go", "ratio", "ops/s hg", "ops/s go", "ratio");
    out.println("-".repeat(96));
    for (String net : NETS) {
      for (int callers : new int[] {1, 32}) {
        double p50 = hangar.get(net, callers, Metric.P50);
        double goP50 = go.get(net, callers, Metric.P50);
        double p99 = hangar.get(net, callers, Metric.P99);
        double goP99 = go.get(net, callers, Metric.P99);
        double ops = hangar.get(net, callers, Metric.OPS);
        double goOps = go.get(net, callers, Metric.OPS);
        out.printf(Locale.ROOT,
            "%-5s %7d | %8.1f %8.1f %6s | %8.1f %8.1f %6s | %9.0f %9.0f %6s%n",
            net, callers, p50, goP50, ratio(p50 / goP50), p99, goP99, ratio(p99 / goP99), ops,
            goOps, ratio(ops / goOps));
      }
    }
  }

  /** A sample-mode percentile in microseconds, whatever unit JMH reported. */
  private static double percentile(JsonNode r, String p) {
    double v = r.at("/primaryMetric/scorePercentiles").get(p).asDouble();
    return v * microsPer(r.at("/primaryMetric/scoreUnit").asText().split("/")[0]);
  }

  /** A throughput score in operations per second. */
  private static double opsPerSecond(JsonNode r) {
    double v = r.at("/primaryMetric/score").asDouble();
    String unit = r.at("/primaryMetric/scoreUnit").asText().split("/")[1];
    return v / (microsPer(unit) / 1e6);
  }

  private static double microsPer(String unit) {
    return switch (unit) {
      case "ns" -> 1e-3;
      case "us" -> 1;
      case "ms" -> 1e3;
      case "s" -> 1e6;
      default -> throw new IllegalArgumentException("unknown JMH time unit " + unit);
    };
  }

  private static String ratio(double r) {
    return Double.isNaN(r) || Double.isInfinite(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
  }
}
