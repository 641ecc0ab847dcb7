package dev.hangar.api;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link PluginInit#init} returns: the implementation and its attributes.
 *
 * <p>Attribute keys are listed in {@link PluginAttributes}: {@code type} and {@code name} are
 * required, resource plugins add {@code scheme}, and {@code buildCommit}, {@code buildTime} and
 * {@code vendor} are recorded and shown. Other keys are kept and shown too.
 *
 * @param implementation the plugin object, e.g. a
 *     {@link dev.hangar.api.resource.ResourceClient}; when it is {@link AutoCloseable} the host
 *     closes it on unload
 * @param attributes the attributes, copied
 * @since 0.1
 */
public record Loaded(Object implementation, Map<String, String> attributes) {
  /**
   * Checks and copies.
   *
   * @throws NullPointerException when the implementation, the map, or a key or value is null
   */
  public Loaded {
    Objects.requireNonNull(implementation, "implementation");
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
  }
}
