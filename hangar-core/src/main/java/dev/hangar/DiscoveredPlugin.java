package dev.hangar;

import dev.hangar.protocol.PluginAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin found on disk, before any activation.
 *
 * @param name the plugin's name, from the file name
 * @param address where it listens
 * @param source the socket, {@code .spec} or {@code .json} file it was found through
 * @param kind which kind of file that is
 * @since 0.1
 */
public record DiscoveredPlugin(String name, PluginAddress address, Path source, Kind kind) {

  /** The kind of file a plugin was found through. */
  public enum Kind {
    /** A unix socket {@code <name>.sock} in a socket directory. */
    SOCKET,
    /** A {@code <name>.spec} file holding one URL. */
    SPEC,
    /** A {@code <name>.json} file holding {@code Addr} and optionally {@code TLSConfig}. */
    JSON,
    /** A managed plugin's socket (its {@code source} is the plugin's state directory). */
    MANAGED
  }

  /** Checks that no component is null. */
  public DiscoveredPlugin {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
  }
}
