package dev.hangar.observe;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to a plugin.
 *
 * @param kind {@value #SOCKET}, {@value #JAR}, {@value #EXEC} or {@value #MANAGED}
 * @param action what happened, e.g. {@value #ACTIVATED}; managed plugins use moby's actions
 *     ({@code create}, {@code pull}, {@code enable}, {@code disable}, {@code remove}) and
 *     Hangar's ({@code restart}, {@code failed}, {@code upgrade})
 * @param name the plugin's name (for a JAR plugin {@code type/name}, for an exec plugin its
 *     domain; for a refused one, the file)
 * @param time when
 * @param attributes more about it: {@code reason} of a failure or refusal, {@code id} of a
 *     managed plugin, {@code address}, {@code file}
 * @since 0.3
 */
public record PluginEvent(String kind, String action, String name, Instant time,
    Map<String, String> attributes) {
  /** A plugin speaking Docker's plugin protocol over a socket, found on disk. */
  public static final String SOCKET = "socket";
  /** A JAR plugin loaded into the host. */
  public static final String JAR = "jar";
  /** An exec plugin (core0's model). */
  public static final String EXEC = "exec";
  /** A managed plugin (moby's model), whatever it packages. */
  public static final String MANAGED = "managed";

  /** A plugin seen for the first time: a socket or spec file, an exec declaration. */
  public static final String FOUND = "found";
  /** A socket plugin's {@code Plugin.Activate} succeeded. */
  public static final String ACTIVATED = "activated";
  /** An activation failed, or a managed plugin failed for good. */
  public static final String FAILED = "failed";
  /** A JAR plugin was loaded (or reloaded). */
  public static final String LOADED = "loaded";
  /** A JAR plugin or an exec declaration was refused. */
  public static final String REFUSED = "refused";
  /** A JAR plugin was unloaded, or an exec declaration is gone. */
  public static final String UNLOADED = "unloaded";

  public PluginEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(time, "time");
    attributes = Map.copyOf(attributes);
  }

  /** An event now. */
  public static PluginEvent now(String kind, String action, String name,
      Map<String, String> attributes) {
    return new PluginEvent(kind, action, name, Instant.now(), attributes);
  }
}
