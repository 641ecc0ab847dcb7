package dev.hangar.metrics;

import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The metrics of one or more plugin hosts, as Prometheus metrics in a registry: give it to
 * {@code PluginHost.Builder.observer}. Labels: {@code kind} ({@code socket}, {@code managed},
 * {@code jar}, {@code exec}), {@code plugin} (its name), {@code method}, {@code outcome}
 * ({@code ok} or the error code). The metric names are in {@code docs/protocol.md}, "Metrics".
 *
 * <p>The call path pays a few map lookups per call (the data points of a plugin's method are
 * cached); {@code bench/} measures it against a socket call.
 *
 * @since 0.3
 */
public final class HangarMetrics implements HostObserver {
  /** The content type of {@link #writeTo}: Prometheus' text format 0.0.4. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  /** The latency buckets, seconds: 50 us (a fast socket call) to 10 s. */
  static final double[] BUCKETS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
      0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final PrometheusRegistry registry;
  private final Counter calls;
  private final Histogram latency;
  private final Gauge inFlight;
  private final Counter activations;
  private final Counter events;
  private final Counter jarLoads;
  private final Counter execExits;
  private final Counter restarts;
  private final ManagedStates states;
  private final Counter getBytes;
  /** The data points of each plugin method called. */
  private final ConcurrentMap<CallKey, CallPoints> points = new ConcurrentHashMap<>();

  private HangarMetrics(PrometheusRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    calls = Counter.builder().name("hangar_plugin_calls_total")
        .help("Calls of plugins through the host, by outcome (ok or the error code).")
        .labelNames("kind", "plugin", "method", "outcome").withoutExemplars().register(registry);
    latency = Histogram.builder().name("hangar_plugin_call_duration_seconds")
        .help("How long calls of plugins took, whatever their outcome.").unit(Unit.SECONDS)
        .labelNames("kind", "plugin", "method").classicOnly().classicUpperBounds(BUCKETS)
        .withoutExemplars().register(registry);
    inFlight = Gauge.builder().name("hangar_plugin_calls_in_flight")
        .help("Calls of plugins under way.").labelNames("kind", "plugin").withoutExemplars()
        .register(registry);
    activations = Counter.builder().name("hangar_plugin_activations_total")
        .help("Activations (Plugin.Activate) of socket and managed plugins, by outcome.")
        .labelNames("kind", "plugin", "outcome").withoutExemplars().register(registry);
    events = Counter.builder().name("hangar_plugin_events_total")
        .help("Events of plugins, by kind and action.").labelNames("kind", "action")
        .withoutExemplars().register(registry);
    jarLoads = Counter.builder().name("hangar_jar_loads_total")
        .help("JAR plugins loaded (outcome loaded) and refused (outcome refused).")
        .labelNames("plugin", "outcome").withoutExemplars().register(registry);
    execExits = Counter.builder().name("hangar_exec_exits_total")
        .help("Exec plugin calls by the exit status of their last run (-1: none).")
        .labelNames("plugin", "method", "status").withoutExemplars().register(registry);
    restarts = Counter.builder().name("hangar_managed_restarts_total")
        .help("Restarts of managed plugins by their supervisor.").labelNames("plugin")
        .withoutExemplars().register(registry);
    states = new ManagedStates(Gauge.builder().name("hangar_managed_state")
        .help("The state of each managed plugin: 1 for the state it is in, 0 for the others.")
        .labelNames("plugin", "state").withoutExemplars().register(registry));
    getBytes = Counter.builder().name("hangar_get_bytes_total")
        .help("Bytes downloaded through resource clients, by scheme.").labelNames("scheme")
        .withoutExemplars().register(registry);
  }

  /** Metrics in a registry of their own. */
  public static HangarMetrics create() {
    return new HangarMetrics(new PrometheusRegistry());
  }

  /** Metrics registered in {@code registry}, e.g. {@link PrometheusRegistry#defaultRegistry}. */
  public static HangarMetrics in(PrometheusRegistry registry) {
    return new HangarMetrics(registry);
  }

  /** The registry holding the metrics. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** Writes every metric of the registry in the text format ({@link #CONTENT_TYPE}). */
  public void writeTo(OutputStream out) throws IOException {
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
  }

  /** {@link #writeTo} as a string. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private CallPoints points(String kind, String plugin, String method) {
    CallKey key = new CallKey(kind, plugin, method);
    CallPoints p = points.get(key);
    if (p == null) {
      p = points.computeIfAbsent(key, k -> new CallPoints(
          calls.labelValues(kind, plugin, method, "ok"),
          latency.labelValues(kind, plugin, method), inFlight.labelValues(kind, plugin)));
    }
    return p;
  }

  @Override
  public void callStarted(String kind, String plugin, String method) {
    points(kind, plugin, method).inFlight().inc();
  }

  @Override
  public void callEnded(String kind, String plugin, String method, String outcome,
      long nanos) {
    CallPoints p = points(kind, plugin, method);
    p.inFlight().dec();
    p.latency().observe(nanos / 1e9);
    if ("ok".equals(outcome)) {
      p.ok().inc();
    } else {
      calls.labelValues(kind, plugin, method, outcome).inc();
    }
  }

  @Override
  public void execExited(String plugin, String method, int status) {
    execExits.labelValues(plugin, method, Integer.toString(status)).inc();
  }

  @Override
  public void downloaded(String scheme, long bytes) {
    getBytes.labelValues(scheme).inc(bytes);
  }

  @Override
  public void event(PluginEvent e) {
    events.labelValues(e.kind(), e.action()).inc();
    if (e.kind().equals(PluginEvent.MANAGED)) {
      states.on(e.action(), e.name());
      switch (e.action()) {
        case "restart" -> restarts.labelValues(e.name()).inc();
        case PluginEvent.ACTIVATED -> activations.labelValues(e.kind(), e.name(), "ok").inc();
        default -> { }
      }
      return;
    }
    switch (e.action()) {
      case PluginEvent.ACTIVATED -> activations.labelValues(e.kind(), e.name(), "ok").inc();
      case PluginEvent.FAILED -> activations.labelValues(e.kind(), e.name(), "failed").inc();
      case PluginEvent.LOADED -> jarLoads.labelValues(e.name(), "loaded").inc();
      case PluginEvent.REFUSED -> {
        if (e.kind().equals(PluginEvent.JAR)) {
          jarLoads.labelValues(e.name(), "refused").inc();
        }
      }
      default -> { }
    }
  }

  /** A plugin method. */
  private record CallKey(String kind, String plugin, String method) {}

  /** The cached data points of one plugin method. */
  private record CallPoints(CounterDataPoint ok, DistributionDataPoint latency,
      GaugeDataPoint inFlight) {}
}
