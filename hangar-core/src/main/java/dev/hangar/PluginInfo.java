package dev.hangar;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one plugin for listings ({@code hangar plugin ls} and {@code inspect}).
 *
 * <p>Exec plugins (kind {@value #EXEC}) are listed too: their name is the domain, their
 * capabilities ({@code implementsList}) are the exported methods, their address is the
 * executable's path (not a URL), their state {@link PluginState#ACTIVE} when the declaration was
 * accepted (they have no activation: each call starts a process) or {@link PluginState#FAILED}
 * with the declaration's problems, and their source the {@code .plugin.toml} file.
 *
 * @param name the plugin's name (for an unusable file, the file name without its extension; for
 *     an exec declaration problem that concerns no domain, the file name)
 * @param kind {@value #SOCKET} or {@value #EXEC}
 * @param address the address as a URL (the executable's path for an exec plugin), or null when
 *     the file naming it is unusable
 * @param implementsList the capabilities of its latest activation, empty when it failed; an exec
 *     plugin's exports
 * @param state {@link PluginState#ACTIVE}, {@link PluginState#FAILED}, or another state of a
 *     plugin already known to the host
 * @param error what went wrong, naming the plugin or file, or null
 * @param source the socket, spec or JSON file the plugin was found through (or the unusable
 *     file or directory); the {@code .plugin.toml} file of an exec plugin
 * @since 0.1
 */
public record PluginInfo(
    String name,
    String kind,
    String address,
    List<String> implementsList,
    PluginState state,
    String error,
    Path source) {
  /** The kind of every socket plugin. */
  public static final String SOCKET = "socket";

  /** The kind of every exec plugin (declared in a {@code .plugin.toml}). */
  public static final String EXEC = "exec";

  /** Copies the list. */
  public PluginInfo {
    implementsList = List.copyOf(implementsList);
  }

  /** The error text, when there is one. */
  public Optional<String> errorText() {
    return Optional.ofNullable(error);
  }
}
