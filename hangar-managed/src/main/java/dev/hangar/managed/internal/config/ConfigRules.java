package dev.hangar.managed.internal.config;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks Hangar makes on a plugin config beyond Docker's (whose {@code validateConfig}
 * accepts anything): each failure names the field, e.g. {@code Interface.Socket: required}.
 * The first failure in the order of the checks below is reported. The configs Hangar makes for
 * its own kinds ({@link PluginKind}) have no socket and no entrypoint.
 */
final class ConfigRules {
  /** The longest socket file name: keeps the host path well under 108 bytes. */
  static final int MAX_SOCKET_BYTES = 64;

  private static final Pattern CAPABILITY = Pattern.compile("CAP_[A-Z0-9_]+");

  private final JsonShape shape;

  ConfigRules(JsonShape shape) {
    this.shape = shape;
  }

  /**
   * Checks {@code c}.
   *
   * @throws dev.hangar.protocol.HangarException with the shape's code, naming the field
   */
  void check(PluginConfig c) {
    String scheme = c.iface().protocolScheme();
    if (!scheme.isEmpty() && !scheme.equals(PluginConfig.PROTOCOL_HTTP_V1)) {
      throw shape.error("Interface.ProtocolScheme",
          "unknown protocol scheme " + GoQuote.quote(scheme));
    }
    if (PluginKind.of(c) == PluginKind.DOCKER) {
      socket(c.iface().socket());
      entrypoint(c.entrypoint());
    }
    absoluteOrEmpty(c.workDir(), "WorkDir");
    for (int i = 0; i < c.mounts().size(); i++) {
      PluginConfig.Mount m = c.mounts().get(i);
      String path = "Mounts[" + i + "]";
      absolute(m.destination(), path + ".Destination");
      settable(m.settable(), path, "source", "a mount");
    }
    absoluteOrEmpty(c.propagatedMount(), "PropagatedMount");
    for (int i = 0; i < c.env().size(); i++) {
      PluginConfig.Env e = c.env().get(i);
      String path = "Env[" + i + "]";
      if (e.name().isEmpty()) {
        throw shape.error(path + ".Name", "must not be empty");
      }
      if (e.name().indexOf('=') >= 0) {
        throw shape.error(path + ".Name", GoQuote.quote(e.name()) + " must not contain \"=\"");
      }
      settable(e.settable(), path, "value", "an env entry");
    }
    settable(c.args().settable(), "Args", "value", "args");
    List<String> caps = c.linux().capabilities();
    for (int i = 0; i < caps.size(); i++) {
      if (!CAPABILITY.matcher(caps.get(i)).matches()) {
        throw shape.error("Linux.Capabilities[" + i + "]",
            GoQuote.quote(caps.get(i)) + " does not match " + CAPABILITY.pattern());
      }
    }
    for (int i = 0; i < c.linux().devices().size(); i++) {
      settable(c.linux().devices().get(i).settable(), "Linux.Devices[" + i + "]", "path",
          "a device");
    }
  }

  private void socket(String s) {
    String path = "Interface.Socket";
    if (s.isEmpty()) {
      throw shape.error(path, "required");
    }
    if (s.equals(".") || s.equals("..") || s.indexOf('/') >= 0 || s.indexOf('\0') >= 0) {
      throw shape.error(path, GoQuote.quote(s) + " is not a plain file name");
    }
    if (s.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_BYTES) {
      throw shape.error(path, GoQuote.quote(s) + " is longer than " + MAX_SOCKET_BYTES + " bytes");
    }
  }

  private void entrypoint(List<String> e) {
    if (e.isEmpty()) {
      throw shape.error("Entrypoint", "required, a list whose first element is the program");
    }
    if (e.get(0).isEmpty()) {
      throw shape.error("Entrypoint[0]", "must not be empty");
    }
  }

  private void absoluteOrEmpty(String p, String path) {
    if (!p.isEmpty()) {
      absolute(p, path);
    }
  }

  private void absolute(String p, String path) {
    if (!p.startsWith("/")) {
      throw shape.error(path, GoQuote.quote(p) + " is not an absolute path");
    }
  }

  /** Docker's set can only ever change {@code allowed} on this kind of item. */
  private void settable(List<String> settable, String item, String allowed, String kind) {
    for (int i = 0; i < settable.size(); i++) {
      if (!settable.get(i).equals(allowed)) {
        throw shape.error(item + ".Settable[" + i + "]", GoQuote.quote(settable.get(i))
            + " is not a settable field of " + kind + " (only \"" + allowed + "\")");
      }
    }
  }
}
