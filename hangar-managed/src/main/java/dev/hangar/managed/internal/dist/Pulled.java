package dev.hangar.managed.internal.dist;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.internal.store.ImageDigests;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin image fetched, verified and unpacked, not yet installed: its blobs stay pinned in the
 * content store until {@link #close} (after the plugin's state refers to them, or on failure).
 *
 * @param config the plugin's config, as the config blob has it
 * @param image the manifest, config and layer digests
 * @param rootfs the unpacked rootfs, in the staging directory
 * @param pin keeps the blobs from collection
 */
public record Pulled(PluginConfig config, ImageDigests image, Path rootfs,
    ContentStore.Pin pin) implements AutoCloseable {
  public Pulled {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(rootfs, "rootfs");
    Objects.requireNonNull(pin, "pin");
  }

  @Override
  public void close() {
    pin.close();
  }
}
