package dev.hangar;

import dev.hangar.protocol.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A snapshot of one JAR found in the plugin directories: loaded, or refused with its reason.
 *
 * @param file the JAR, absolute
 * @param type the plugin's type, from the file name ({@code <vendor>-<type>-plugin-<name>.jar}),
 *     or empty when the file name does not follow that pattern
 * @param name the plugin's name, from the file name, or empty likewise
 * @param attributes what its {@code init} returned (sorted by key), empty when it did not load
 * @param state {@link JarPluginState#LOADED} or {@link JarPluginState#FAILED}
 * @param error why it was refused, naming the file, or null when loaded
 * @param errorCode the error's code ({@code PLUGIN_LOAD_FAILED}, {@code API_VERSION_MISMATCH}),
 *     or null when loaded
 * @param warnings what was accepted but should be fixed, e.g. the attribute {@code schema}
 * @since 0.1
 */
public record JarPluginInfo(
    Path file,
    String type,
    String name,
    Map<String, String> attributes,
    JarPluginState state,
    String error,
    ErrorCode errorCode,
    List<String> warnings) {
  /** Checks and copies. */
  public JarPluginInfo {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    warnings = List.copyOf(warnings);
    if ((error == null) != (state != JarPluginState.FAILED)) {
      throw new IllegalArgumentException("an error goes with state FAILED only: " + state);
    }
  }

  /** The error text, when there is one. */
  public Optional<String> errorText() {
    return Optional.ofNullable(error);
  }

  /** The file's name, e.g. {@code d7y-resource-plugin-d7yfs.jar}. */
  public String fileName() {
    return file.getFileName().toString();
  }
}
