package dev.hangar.sdk.internal;

import dev.hangar.protocol.Manifest;
import dev.hangar.protocol.Wire;
import dev.hangar.sdk.RawHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of one server: wire method to handler, plus the activation reply. Immutable.
 *
 * @param routes handlers by wire method (without the leading slash)
 * @param implementsList the capabilities, in declaration order
 */
public record Router(Map<String, RawHandler> routes, List<String> implementsList) {

  /** Copies both. */
  public Router {
    routes = Map.copyOf(routes);
    implementsList = List.copyOf(implementsList);
  }

  /** The handler of {@code wireMethod}, when one is registered. */
  public Optional<RawHandler> route(String wireMethod) {
    return Optional.ofNullable(routes.get(wireMethod));
  }

  /** The reply to {@code Plugin.Activate}: {@code {"Implements":[...]}} and a newline. */
  public byte[] activation() {
    return Replies.json(new Manifest(implementsList));
  }

  /** Whether {@code wireMethod} is the handshake. */
  public static boolean isActivate(String wireMethod) {
    return Wire.ACTIVATE.equals(wireMethod);
  }
}
