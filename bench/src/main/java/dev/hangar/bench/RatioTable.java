package dev.hangar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints Hangar/anchor ratios from one run of {@code bench/run.sh}: JMH's JSON result for
 * {@link CallRoundTripBenchmark} and the Go anchor's JSON, one file per anchor run. A p50 ratio at
 * or below 1 and a 32-caller throughput ratio at or above 1 meet the targets of issue #2.
 *
 * <p>With several anchor runs (run.sh runs it before and after JMH, so that a change of load on
 * the machine does not favour Hangar) each anchor figure is the best of the runs: the lowest
 * p50 and p99, the highest throughput.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.hangar.bench.RatioTable JMH.json ANCHOR.json...}
 */
public final class RatioTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode jmh;
  private final List<JsonNode> anchor;

  private RatioTable(JsonNode jmh, List<JsonNode> anchor) {
    this.jmh = jmh;
    this.anchor = anchor;
  }

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: RatioTable JMH.json ANCHOR.json...");
      System.exit(2);
    }
    List<JsonNode> anchors = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      anchors.add(JSON.readTree(Path.of(args[i]).toFile()));
    }
    new RatioTable(JSON.readTree(Path.of(args[0]).toFile()), anchors).print(System.out);
  }

  private void print(PrintStream out) {
    out.println();
    out.println("Hangar (Java SDK server + Hangar client) vs the Go anchor (net/http server +");
    out.println("moby pkg/plugins client = 'docker'; net/http tuned with idle conns = 'tuned').");
    out.println("Latencies in microseconds, throughput in calls per second.");
    out.println();
    String head = "%-5s %7s | %8s %8s %6s | %8s %8s | %9s %9s %6s | %6s %6s%n";
    out.printf(Locale.ROOT, head, "net", "callers", "p50 hg", "p50 go", "ratio", "p99 hg",
        "p99 go", "ops/s hg", "ops/s go", "ratio", "p50/t", "ops/t");
    out.println("-".repeat(110));
    boolean met = true;
    for (String net : new String[] {"unix", "tcp"}) {
      for (int callers : new int[] {1, 32}) {
        Optional<JsonNode> sample = jmhResult(net, callers, "sample");
        Optional<JsonNode> thrpt = jmhResult(net, callers, "thrpt");
        List<JsonNode> docker = anchorResults("docker", net, callers);
        List<JsonNode> tuned = anchorResults("tuned", net, callers);
        double p50 = sample.map(s -> percentile(s, "50.0")).orElse(Double.NaN);
        double p99 = sample.map(s -> percentile(s, "99.0")).orElse(Double.NaN);
        double ops = thrpt.map(RatioTable::opsPerSecond).orElse(Double.NaN);
        double goP50 = best(docker, "p50Micros", false);
        double goP99 = best(docker, "p99Micros", false);
        double goOps = best(docker, "opsPerSecond", true);
        double tP50 = best(tuned, "p50Micros", false);
        double tOps = best(tuned, "opsPerSecond", true);
        double p50Ratio = p50 / goP50;
        double opsRatio = ops / goOps;
        met &= !(p50Ratio > 1) && (callers != 32 || !(opsRatio < 1));
        out.printf(Locale.ROOT,
            "%-5s %7d | %8.1f %8.1f %6s | %8.1f %8.1f | %9.0f %9.0f %6s | %6s %6s%n",
            net, callers, p50, goP50, mark(p50Ratio, p50Ratio <= 1), p99, goP99, ops, goOps,
            mark(opsRatio, callers != 32 || opsRatio >= 1), ratio(p50 / tP50), ratio(ops / tOps));
      }
    }
    out.println();
    out.println("ratio = Hangar / anchor; '*' marks a miss (p50 ratio > 1,"
        + " or 32-caller ops ratio < 1).");
    out.println("Anchor figures are the best of " + anchor.size() + " anchor run(s).");
    out.println("p50/t and ops/t compare with the tuned Go client. Targets "
        + (met ? "met." : "NOT met."));
  }

  private Optional<JsonNode> jmhResult(String net, int callers, String mode) {
    for (JsonNode r : jmh) {
      if (r.get("mode").asText().equals(mode) && r.get("threads").asInt() == callers
          && net.equals(r.at("/params/transport").asText())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private List<JsonNode> anchorResults(String client, String net, int callers) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode run : anchor) {
      for (JsonNode r : run) {
        if (r.get("client").asText().equals(client) && r.get("transport").asText().equals(net)
            && r.get("callers").asInt() == callers) {
          found.add(r);
        }
      }
    }
    return found;
  }

  /** The best value of {@code field} over the runs: the highest or the lowest. */
  private static double best(List<JsonNode> runs, String field, boolean highest) {
    return runs.stream().mapToDouble(r -> r.get(field).asDouble())
        .reduce(highest ? Math::max : Math::min).orElse(Double.NaN);
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

  private static String mark(double ratio, boolean ok) {
    return ratio(ratio) + (ok || Double.isNaN(ratio) ? " " : "*");
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
  }
}
