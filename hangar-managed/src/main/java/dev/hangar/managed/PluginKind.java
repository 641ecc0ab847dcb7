package dev.hangar.managed;

import java.util.Locale;

/**
 * What a managed plugin is: a Docker plugin run in a container, or one of Hangar's own kinds
 * installed from a registry (see {@code docs/protocol.md} section 16). The kind is recorded in
 * the config's {@code Interface.Types} ({@code hangar.jar/<api>}, {@code hangar.exec/1.0}), so
 * Docker's Plugin object shows it; the prefix {@code hangar} is refused in a Docker plugin's
 * config.
 *
 * @since 0.3
 */
public enum PluginKind {
  /** A Docker plugin: a rootfs run under the OCI runtime, serving a socket. */
  DOCKER,
  /** A JAR plugin: loaded by every host on the root while enabled, in the host's JVM. */
  JAR,
  /** An exec bundle: a {@code .plugin.toml} and its executables, run unsandboxed. */
  EXEC;

  /** The {@code Interface.Types} prefix of Hangar's kinds. */
  public static final String TYPE_PREFIX = "hangar";

  /** The kind {@code config} declares: the first {@code hangar.jar} or {@code hangar.exec} type. */
  public static PluginKind of(PluginConfig config) {
    for (PluginType t : config.iface().types()) {
      if (t.prefix().equals(TYPE_PREFIX)) {
        if (t.capability().equals("jar")) {
          return JAR;
        }
        if (t.capability().equals("exec")) {
          return EXEC;
        }
      }
    }
    return DOCKER;
  }

  /** The lower-case name, as shown ({@code docker}, {@code jar}, {@code exec}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
