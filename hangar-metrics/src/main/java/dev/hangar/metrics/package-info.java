/**
 * Prometheus metrics of a plugin host: {@link dev.hangar.metrics.HangarMetrics} observes a
 * {@link dev.hangar.PluginHost} and writes the text exposition format (what the daemon serves on
 * {@code GET /metrics}).
 */
package dev.hangar.metrics;
