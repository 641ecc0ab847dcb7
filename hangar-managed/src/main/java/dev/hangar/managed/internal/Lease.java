package dev.hangar.managed.internal;

import dev.hangar.managed.ManagedLease;
import dev.hangar.managed.ManagedPlugin;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** A hold on an entry: counted in {@link Entry#leases} until closed (once). */
final class Lease implements ManagedLease {
  private final Entry entry;
  private final ManagedPlugin plugin;
  private final Path socket;
  private final AtomicBoolean open = new AtomicBoolean(true);

  Lease(Entry entry, ManagedPlugin plugin, Path socket) {
    this.entry = entry;
    this.plugin = plugin;
    this.socket = socket;
    entry.leases.incrementAndGet();
  }

  @Override
  public ManagedPlugin plugin() {
    return plugin;
  }

  @Override
  public Path socket() {
    return socket;
  }

  @Override
  public java.util.Optional<java.time.Duration> clientTimeout() {
    java.time.Duration d = entry.clientTimeout;
    return d.isZero() || d.isNegative() ? java.util.Optional.empty() : java.util.Optional.of(d);
  }

  @Override
  public void close() {
    if (open.compareAndSet(true, false)) {
      entry.leases.decrementAndGet();
    }
  }
}
