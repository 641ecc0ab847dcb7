package dev.hangar.managed.internal;

import dev.hangar.managed.LogQuery;
import dev.hangar.managed.LogSink;
import dev.hangar.managed.ManagedEvent;
import dev.hangar.managed.ManagedLease;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedSettings;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The managed-plugin manager behind {@link dev.hangar.managed.ManagedPlugins}. WORK IN PROGRESS. */
public final class Manager {
  private final ManagedSettings settings;

  private Manager(ManagedSettings settings) {
    this.settings = settings;
  }

  public static Manager open(ManagedSettings settings) {
    return new Manager(settings);
  }

  public ManagedSettings settings() {
    return settings;
  }

  public ManagedPlugin create(String name, Path dirOrTar) {
    throw new UnsupportedOperationException("TODO");
  }

  public ManagedPlugin create(String name, InputStream tar) {
    throw new UnsupportedOperationException("TODO");
  }

  public List<ManagedPlugin> list() {
    throw new UnsupportedOperationException("TODO");
  }

  public Optional<ManagedPlugin> find(String ref) {
    throw new UnsupportedOperationException("TODO");
  }

  public ManagedPlugin inspect(String ref) {
    throw new UnsupportedOperationException("TODO");
  }

  public void enable(String ref, Duration clientTimeout) {
    throw new UnsupportedOperationException("TODO");
  }

  public void disable(String ref, boolean force) {
    throw new UnsupportedOperationException("TODO");
  }

  public void set(String ref, List<String> args) {
    throw new UnsupportedOperationException("TODO");
  }

  public void remove(String ref, boolean force) {
    throw new UnsupportedOperationException("TODO");
  }

  public ManagedLease acquire(String ref, Optional<String> capability) {
    throw new UnsupportedOperationException("TODO");
  }

  public List<ManagedPlugin> enabledWith(String capability) {
    throw new UnsupportedOperationException("TODO");
  }

  public void logs(String ref, LogQuery query, LogSink sink) {
    throw new UnsupportedOperationException("TODO");
  }

  public AutoCloseable subscribe(Consumer<ManagedEvent> listener) {
    throw new UnsupportedOperationException("TODO");
  }

  public void close() {}
}
