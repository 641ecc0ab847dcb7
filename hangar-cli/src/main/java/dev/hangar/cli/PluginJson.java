package dev.hangar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.JarPluginInfo;
import dev.hangar.PluginInfo;
import dev.hangar.exec.ExecDomain;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON form of plugins in {@code ls --format json} and {@code inspect}. Keys are stable:
 * {@code name, kind, address, implements, state, error}, and {@code source} for inspect. JAR
 * plugins (kind {@code jar}) add {@code type} and {@code attributes} (and {@code warnings} in
 * inspect); their address and source are the JAR's path and {@code implements} holds their type.
 * Exec plugins (kind {@code exec}) have the executable's path as address and their exports as
 * {@code implements}; inspect adds their declaration (see {@link #execObject}). Managed plugins
 * (kind {@code managed}, from the daemon) add {@code id} and {@code enabled} (see
 * {@link #managed}).
 */
final class PluginJson {
  private PluginJson() {}

  static ArrayNode array(List<PluginInfo> plugins) {
    return array(plugins, List.of());
  }

  static ArrayNode array(List<PluginInfo> plugins, List<JarPluginInfo> jars) {
    return array(plugins, jars, List.of());
  }

  static ArrayNode array(List<PluginInfo> plugins, List<JarPluginInfo> jars,
      List<ManagedEntry> managed) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    plugins.forEach(p -> a.add(summary(p)));
    jars.forEach(j -> a.add(jar(j)));
    managed.forEach(m -> a.add(managed(m)));
    return a;
  }

  /** The name a JAR plugin is listed under: its name, else (bad file name) the file name. */
  static String jarName(JarPluginInfo j) {
    return j.name().isEmpty() ? j.fileName() : j.name();
  }

  private static ObjectNode jar(JarPluginInfo j) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", jarName(j));
    o.put("kind", "jar");
    o.put("address", j.file().toString());
    ArrayNode imp = o.putArray("implements");
    if (!j.type().isEmpty()) {
      imp.add(j.type());
    }
    o.put("state", j.state().label());
    if (j.error() == null) {
      o.putNull("error");
    } else {
      o.put("error", j.error());
    }
    o.put("type", j.type());
    ObjectNode attrs = o.putObject("attributes");
    j.attributes().forEach(attrs::put);
    return o;
  }

  /**
   * A managed plugin (kind {@code managed}) for {@code ls}: the common keys (its stored name,
   * its socket as address while known, its types as {@code implements}, Hangar's state, its
   * failure as {@code error}) plus {@code id} and {@code enabled}.
   */
  static ObjectNode managed(ManagedEntry m) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", m.name());
    o.put("kind", "managed");
    if (m.socket() == null) {
      o.putNull("address");
    } else {
      o.put("address", "unix://" + m.socket());
    }
    ArrayNode imp = o.putArray("implements");
    m.types().forEach(imp::add);
    o.put("state", m.state());
    if (m.failure() == null) {
      o.putNull("error");
    } else {
      o.put("error", m.failure());
    }
    o.put("id", m.id());
    o.put("enabled", m.enabled());
    return o;
  }

  /**
   * A managed plugin for {@code inspect}: its {@code ls} keys, {@code source} (the daemon's
   * address), {@code manifestDigest} (the image manifest it was pulled or pushed as, null for
   * none; Docker's Plugin object has no such field) and {@code plugin} (Docker's Plugin object
   * as the daemon sent it).
   */
  static ObjectNode managedObject(ManagedEntry m, JsonNode plugin, String daemon) {
    ObjectNode o = managed(m);
    o.put("source", daemon);
    if (m.manifestDigest() == null) {
      o.putNull("manifestDigest");
    } else {
      o.put("manifestDigest", m.manifestDigest());
    }
    o.set("plugin", plugin);
    return o;
  }

  /** A JAR plugin for {@code inspect}: its {@code ls} keys, {@code source} and {@code warnings}. */
  static ObjectNode jarObject(JarPluginInfo j) {
    ObjectNode o = jar(j);
    o.put("source", j.file().toString());
    ArrayNode w = o.putArray("warnings");
    j.warnings().forEach(w::add);
    return o;
  }

  /**
   * An exec plugin for {@code inspect}: its {@code ls} keys, {@code source}, and, when its
   * declaration was accepted, {@code line} (of its {@code [plugin.NAME]} header),
   * {@code description}, {@code queue}, {@code timeout} (e.g. {@code "60s"}), {@code max_restart},
   * {@code sha256} and {@code env} (the variables' names only: values may be secrets).
   */
  static ObjectNode execObject(PluginInfo p, java.util.Optional<ExecDomain> domain) {
    ObjectNode o = object(p);
    domain.ifPresent(d -> {
      o.put("line", d.line());
      if (d.description() == null) {
        o.putNull("description");
      } else {
        o.put("description", d.description());
      }
      o.put("queue", d.queue());
      o.put("process_group", d.processGroup());
      long ms = d.timeout().toMillis();
      o.put("timeout", ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms");
      o.put("max_restart", d.maxRestart());
      if (d.sha256() == null) {
        o.putNull("sha256");
      } else {
        o.put("sha256", d.sha256());
      }
      ArrayNode env = o.putArray("env");
      d.env().keySet().forEach(env::add);
    });
    return o;
  }

  static ObjectNode object(PluginInfo p) {
    ObjectNode o = summary(p);
    if (p.source() == null) {
      o.putNull("source");
    } else {
      o.put("source", p.source().toString());
    }
    return o;
  }

  private static ObjectNode summary(PluginInfo p) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", p.name());
    o.put("kind", p.kind());
    if (p.address() == null) {
      o.putNull("address");
    } else {
      o.put("address", p.address());
    }
    ArrayNode imp = o.putArray("implements");
    p.implementsList().forEach(imp::add);
    o.put("state", p.state().label());
    if (p.error() == null) {
      o.putNull("error");
    } else {
      o.put("error", p.error());
    }
    return o;
  }

  static void write(PrintStream out, Object tree) {
    try {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
