/**
 * Prometheus metrics of a Hangar host: a {@code HostObserver} that counts and times plugin calls
 * and events into a Prometheus registry, and writes them in the text format. Its API names the
 * registry ({@code io.prometheus.metrics.model}). The Prometheus client's JARs are automatic
 * modules, under the names their manifests give.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.hangar.metrics {
  requires transitive dev.hangar;
  requires transitive io.prometheus.metrics.model;
  requires io.prometheus.metrics.core;
  requires io.prometheus.writer.text;

  exports dev.hangar.metrics;
}
