package dev.hangar.examples.d7yfs;

import dev.hangar.api.Loaded;
import dev.hangar.api.PluginAttributes;
import dev.hangar.api.PluginInit;
import java.util.Map;

/**
 * The entry point Hangar calls (declared in {@code META-INF/services/dev.hangar.api.PluginInit}):
 * the Java counterpart of Dragonfly's {@code DragonflyPluginInit}.
 */
public final class D7yfsPluginInit implements PluginInit {

  /** The URL scheme this plugin serves. */
  public static final String SCHEME = "d7yfs";

  /** Creates the entry point; Hangar calls this through {@link java.util.ServiceLoader}. */
  public D7yfsPluginInit() {}

  @Override
  public Loaded init(Map<String, String> options) {
    D7yfsOptions parsed = D7yfsOptions.parse(options);
    BuildInfo build = BuildInfo.load();
    return new Loaded(new D7yfsResourceClient(parsed), Map.of(
        PluginAttributes.TYPE, PluginAttributes.RESOURCE_TYPE,
        PluginAttributes.NAME, "d7yfs",
        PluginAttributes.SCHEME, SCHEME,
        PluginAttributes.BUILD_COMMIT, build.commit(),
        PluginAttributes.BUILD_TIME, build.time(),
        PluginAttributes.VENDOR, "d7y"));
  }
}
