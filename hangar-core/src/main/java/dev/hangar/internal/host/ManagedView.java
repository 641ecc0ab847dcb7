package dev.hangar.internal.host;

import dev.hangar.DiscoveredPlugin;
import dev.hangar.PluginState;
import dev.hangar.SocketPlugin;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.protocol.Manifest;
import dev.hangar.protocol.client.PluginClient;
import java.util.List;

/**
 * The {@link SocketPlugin} a handler is given for one start of a managed plugin. It holds no
 * lease: being handed to a handler does not put the plugin in use (moby's {@code CallHandler}
 * leaves the refcount alone). Its {@link #client()} goes through the host, as {@code get} does,
 * so the first call through it is a lookup (and holds the plugin, as every lookup does).
 * {@link #state()} and {@link #manifest()} are the host's own activation of the plugin, if it
 * made one ({@code DISCOVERED} and an empty manifest before that).
 */
final class ManagedView implements SocketPlugin {
  private static final Manifest NONE = new Manifest(List.of());

  private final PluginRegistry registry;
  private final ManagedPlugin plugin;
  private final DiscoveredPlugin discovered;

  ManagedView(PluginRegistry registry, ManagedPlugin plugin, DiscoveredPlugin discovered) {
    this.registry = registry;
    this.plugin = plugin;
    this.discovered = discovered;
  }

  /** The plugin's ID. */
  String id() {
    return plugin.id();
  }

  @Override
  public String name() {
    return plugin.name();
  }

  @Override
  public DiscoveredPlugin discovered() {
    return discovered;
  }

  @Override
  public PluginState state() {
    return registry.cached(name()).map(PluginEntry::state).orElse(PluginState.DISCOVERED);
  }

  @Override
  public Manifest manifest() {
    return registry.cached(name()).map(PluginEntry::manifest).orElse(NONE);
  }

  /** moby's rule for managed plugins, as lookups use it: one of its {@code Interface.Types}. */
  @Override
  public boolean implementsCapability(String capability) {
    return plugin.hasCapability(capability);
  }

  @Override
  public PluginClient client() {
    return new ReactivatingClient(registry, name(), null, discovered.address());
  }

  @Override
  public String toString() {
    return "SocketPlugin[" + name() + ", managed, " + discovered.address().url() + ", types "
        + plugin.config().iface().types() + "]";
  }
}
