package dev.hangar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.daemon.client.EngineClient;
import dev.hangar.daemon.client.ManagedStatus;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A managed plugin as the CLI shows it: Docker's Plugin object from the daemon, with Hangar's
 * state when the daemon serves {@code /hangar/v1/plugins} (else {@code enabled} or
 * {@code disabled} from {@code Enabled}).
 *
 * @param id the 64-hex ID
 * @param name the stored name ({@code x:latest})
 * @param enabled Docker's {@code Enabled}
 * @param state {@code enabled}, {@code disabled}, {@code restarting}, {@code failed} (or
 *     {@code starting}); {@code enabled (unhealthy)} while its health probes fail
 * @param failure why it last failed, or null
 * @param socket the host path of its socket, or null when unknown or not running
 * @param types its {@code Config.Interface.Types}, e.g. {@code docker.volumedriver/1.0}
 * @param manifestDigest the image manifest it was pulled or pushed as, or null
 */
record ManagedEntry(String id, String name, boolean enabled, String state, String failure,
    String socket, List<String> types, String manifestDigest) {

  ManagedEntry(String id, String name, boolean enabled, String state, String failure,
      String socket, List<String> types) {
    this(id, name, enabled, state, failure, socket, types, null);
  }

  /**
   * Every managed plugin, in the daemon's order (by name): from Hangar's
   * {@code /hangar/v1/plugins}, one small reply with all that {@code ls} shows; from Docker's
   * {@code /plugins} when the daemon has no such route (a Docker daemon).
   */
  static List<ManagedEntry> list(EngineClient c) {
    List<ManagedEntry> out = new ArrayList<>();
    try {
      c.listManaged().forEach(s -> out.add(of(s)));
    } catch (HangarException e) {
      if (e.code() != ErrorCode.PLUGIN_NOT_FOUND && e.code() != ErrorCode.NOT_IMPLEMENTED) {
        throw e;
      }
      c.listPlugins(Map.of()).forEach(p -> out.add(of(p, Map.of())));
    }
    return out;
  }

  private static ManagedEntry of(ManagedStatus s) {
    return new ManagedEntry(s.id(), s.name(), s.enabled(), label(s),
        s.failure().orElse(null), s.socket().orElse(null), s.types(),
        s.manifestDigest().orElse(null));
  }

  /** The state shown: Hangar's, and {@code (unhealthy)} while its health probes fail. */
  private static String label(ManagedStatus s) {
    return s.state().label() + (s.unhealthy().isPresent() ? " (unhealthy)" : "");
  }

  /** The plugin {@code plugin} with its status, when the daemon gives it. */
  static ManagedEntry of(JsonNode plugin, EngineClient c) {
    return of(plugin, statuses(c));
  }

  private static ManagedEntry of(JsonNode p, Map<String, ManagedStatus> byId) {
    String id = p.path("Id").asText("");
    boolean enabled = p.path("Enabled").asBoolean(false);
    Optional<ManagedStatus> s = Optional.ofNullable(byId.get(id));
    List<String> types = new ArrayList<>();
    for (JsonNode t : p.path("Config").path("Interface").path("Types")) {
      types.add(t.isTextual() ? t.asText() : t.path("Prefix").asText("") + "."
          + t.path("Capability").asText("") + "/" + t.path("Version").asText(""));
    }
    return new ManagedEntry(id, p.path("Name").asText(""), enabled,
        s.map(ManagedEntry::label).orElse(enabled ? "enabled" : "disabled"),
        s.flatMap(ManagedStatus::failure).orElse(null),
        s.flatMap(ManagedStatus::socket).orElse(null), List.copyOf(types),
        s.flatMap(ManagedStatus::manifestDigest).orElse(null));
  }

  /** Hangar's statuses by ID; none when the daemon does not serve them (a Docker daemon). */
  private static Map<String, ManagedStatus> statuses(EngineClient c) {
    try {
      return c.listManaged().stream()
          .collect(Collectors.toMap(ManagedStatus::id, Function.identity(), (a, b) -> a));
    } catch (HangarException e) {
      if (e.code() == ErrorCode.PLUGIN_NOT_FOUND || e.code() == ErrorCode.NOT_IMPLEMENTED) {
        return Map.of();
      }
      throw e;
    }
  }
}
