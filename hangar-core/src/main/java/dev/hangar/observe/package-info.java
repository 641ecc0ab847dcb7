/**
 * What a {@link dev.hangar.PluginHost} tells an observer: the {@link PluginEvent events} of its
 * plugins (found, activated, loaded, refused, enabled, restarted, ...) and each call, for metrics
 * ({@code hangar-metrics} turns them into Prometheus metrics) and event streams (the daemon's
 * {@code GET /events}). Dependency-free.
 */
package dev.hangar.observe;
