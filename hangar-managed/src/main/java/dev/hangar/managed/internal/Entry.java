package dev.hangar.managed.internal;

import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedState;
import dev.hangar.managed.internal.config.Privileges;
import dev.hangar.managed.internal.store.SavedPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One managed plugin as the manager holds it: its saved state, its live state, its leases and
 * the supervisor of its container. {@link #op} serialises the operations on it (enable,
 * disable, set, rm); the supervisor changes {@link #state} on its own thread through
 * {@link #transition}.
 */
final class Entry {
  final String id;
  final ReentrantLock op = new ReentrantLock();
  final AtomicInteger leases = new AtomicInteger();
  private volatile SavedPlugin saved;
  private ManagedState state;
  private Optional<String> failure;
  private Optional<Path> socket = Optional.empty();
  private Optional<String> unhealthy = Optional.empty();
  volatile Supervisor supervisor;
  volatile Duration clientTimeout = Duration.ZERO;

  Entry(SavedPlugin saved) {
    this.id = saved.id();
    this.saved = saved;
    this.state = saved.failed() ? ManagedState.FAILED : ManagedState.DISABLED;
    this.failure = saved.failure();
  }

  SavedPlugin saved() {
    return saved;
  }

  void saved(SavedPlugin s) {
    this.saved = s;
  }

  String name() {
    return saved.name();
  }

  synchronized ManagedState state() {
    return state;
  }

  /** Changes the state, checked against {@link ManagedTransitions}. */
  synchronized void transition(ManagedState to) {
    ManagedTransitions.check(state, to);
    state = to;
    if (to != ManagedState.FAILED) {
      failure = Optional.empty();
    }
  }

  synchronized void failed(String why) {
    transition(ManagedState.FAILED);
    failure = Optional.of(why);
  }

  synchronized void socket(Optional<Path> s) {
    socket = s;
  }

  synchronized Optional<Path> socket() {
    return socket;
  }

  /**
   * Records a health probe's outcome: the failure, or empty for an answer.
   *
   * @return whether the plugin's health changed
   */
  synchronized boolean unhealthy(Optional<String> why) {
    boolean changed = unhealthy.isPresent() != why.isPresent();
    unhealthy = why;
    return changed;
  }

  /** A snapshot for callers. */
  synchronized ManagedPlugin snapshot() {
    SavedPlugin s = saved;
    return new ManagedPlugin(id, s.name(), ManagedTransitions.enabled(state), state, s.config(),
        s.settings(), s.pluginReference(), socket, failure, Privileges.compute(s.config()),
        s.image().map(i -> i.manifest().toString()), unhealthy);
  }
}
