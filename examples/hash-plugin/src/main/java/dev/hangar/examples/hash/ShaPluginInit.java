package dev.hangar.examples.hash;

import dev.hangar.api.Loaded;
import dev.hangar.api.PluginInit;
import java.util.Map;

/**
 * The entry point of {@code hangar-hasher-plugin-sha.jar}: a plugin of type {@code hasher}, to
 * show that types are open. The host looks it up with
 * {@code host.jar("hasher", "sha", Function.class)}. Option {@code algorithm} (default
 * {@code SHA-256}) picks any digest the JDK knows.
 */
public final class ShaPluginInit implements PluginInit {

  /** Creates the entry point; Hangar calls this through {@link java.util.ServiceLoader}. */
  public ShaPluginInit() {}

  @Override
  public Loaded init(Map<String, String> options) {
    String algorithm = options.getOrDefault("algorithm", "SHA-256");
    return new Loaded(new HexDigest(algorithm), Map.of(
        "type", "hasher", "name", "sha", "vendor", "hangar", "algorithm", algorithm));
  }
}
