/**
 * The daemon's HTTP API: Docker's Engine API for plugins (routes, query and body rules, error
 * bodies, events) and Hangar's own endpoints ({@code /hangar/v1/...}), over
 * {@link dev.hangar.managed.ManagedPlugins}. Not API; may change in any release.
 */
package dev.hangar.daemon.internal.api;
