package dev.hangar;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one plugin for listings ({@code hangar plugin ls} and {@code inspect}).
 *
 * @param name the plugin's name (for an unusable file, the file name without its extension)
 * @param kind always {@code socket} for now
 * @param address the address as a URL, or null when the file naming it is unusable
 * @param implementsList the capabilities of its latest activation, empty when it failed
 * @param state {@link PluginState#ACTIVE}, {@link PluginState#FAILED}, or another state of a
 *     plugin already known to the host
 * @param error what went wrong, naming the plugin or file, or null
 * @param source the socket, spec or JSON file the plugin was found through (or the unusable
 *     file or directory)
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

  /** Copies the list. */
  public PluginInfo {
    implementsList = List.copyOf(implementsList);
  }

  /** The error text, when there is one. */
  public Optional<String> errorText() {
    return Optional.ofNullable(error);
  }
}
