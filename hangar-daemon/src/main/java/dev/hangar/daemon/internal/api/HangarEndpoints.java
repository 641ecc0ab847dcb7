package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.Privilege;

/**
 * Hangar's own views of the managed plugins, beside Docker's: what Docker's Plugin object has no
 * field for.
 */
final class HangarEndpoints {
  private final ManagedPlugins plugins;

  HangarEndpoints(ManagedPlugins plugins) {
    this.plugins = plugins;
  }

  /**
   * {@code GET /hangar/v1/plugins}: every managed plugin by name,
   * {@code [{"Id","Name","Enabled","State","Types","Failure","Socket","ManifestDigest",
   * "Unhealthy"}]}; {@code Unhealthy} is why its health probes fail, while they do;
   * {@code ManifestDigest} is the image manifest a plugin was pulled or pushed as; {@code State} is the
   * lower-case {@link dev.hangar.managed.ManagedState}; {@code Types} its
   * {@code Config.Interface.Types} as strings; {@code Failure} and {@code Socket} only when known.
   * Everything {@code hangar plugin ls} shows, in one small reply.
   */
  void list(Exchange ex) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (ManagedPlugin p : plugins.list()) {
      ObjectNode o = out.addObject().put("Id", p.id()).put("Name", p.name())
          .put("Enabled", p.enabled()).put("State", p.state().label());
      ArrayNode types = o.putArray("Types");
      p.config().iface().types().forEach(t -> types.add(t.toString()));
      p.failure().ifPresent(f -> o.put("Failure", f));
      p.socket().ifPresent(s -> o.put("Socket", s.toString()));
      p.manifestDigest().ifPresent(d -> o.put("ManifestDigest", d));
      p.unhealthy().ifPresent(u -> o.put("Unhealthy", u));
    }
    ex.json(200, ApiJson.encode(out));
  }

  /**
   * {@code GET /hangar/v1/plugins/{name}/privileges}: what a managed plugin asks for, in Docker's
   * order and shape, {@code [{"Name","Description","Value":[...]}]}.
   */
  void privileges(Exchange ex) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (Privilege p : plugins.privileges(ex.name())) {
      ObjectNode o = out.addObject().put("Name", p.name()).put("Description", p.description());
      ArrayNode values = o.putArray("Value");
      p.value().forEach(values::add);
    }
    ex.json(200, ApiJson.encode(out));
  }
}
