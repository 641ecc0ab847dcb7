package dev.hangar.daemon;

import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import java.util.function.Consumer;

/**
 * The daemon host's events, passed to the API once it exists (the host is built first): those
 * before that are dropped, as no client can have subscribed yet.
 */
final class EventRelay implements HostObserver {
  private volatile Consumer<PluginEvent> target = e -> { };

  void to(Consumer<PluginEvent> t) {
    this.target = t;
  }

  @Override
  public void event(PluginEvent event) {
    target.accept(event);
  }
}
