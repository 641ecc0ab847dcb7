package dev.hangar.managed.internal.dist;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginKind;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import dev.hangar.managed.ProgressMessage;
import dev.hangar.managed.PushResult;
import dev.hangar.managed.internal.store.ImageDigests;
import dev.hangar.registry.BlobPush;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.Digest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.RawManifest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pushes a plugin as moby's {@code Push}: the image it was pulled as (its manifest, config and
 * layers, byte for byte), or, for a plugin created from a package, the image
 * {@code docker plugin create} would have stored, built once ({@link #image}): the rootfs as one
 * gzipped tar layer ({@link RootfsLayer}), the config blob with {@code rootfs.diff_ids} the
 * layer's (gzipped) digest as Docker records it, a schema 2 manifest. Blobs the repository has
 * are not sent again, and blobs of another repository of the same registry are mounted (the
 * registry client does both).
 */
final class Pusher {
  private final RegistryClient registry;
  private final ContentStore store;

  Pusher(RegistryClient registry, ContentStore store) {
    this.registry = registry;
    this.store = store;
  }

  /**
   * The plugin's image: {@code existing} when the store holds all of it, else built from the
   * rootfs and config.
   */
  ImageDigests image(Optional<ImageDigests> existing, PluginConfig config, Path rootfs) {
    if (existing.isPresent() && existing.get().all().stream()
        .allMatch(d -> store.blobs().contains(d))) {
      return existing.get();
    }
    if (PluginKind.of(config) != PluginKind.DOCKER) {
      throw new HangarException(ErrorCode.IO_ERROR, "the artifact this "
          + PluginKind.of(config).wireName() + " plugin was installed from is no longer whole"
          + " in the blob store " + store.dir() + "; push its JAR or bundle again instead");
    }
    ContentStore.Written layer = store.write(out -> RootfsLayer.write(rootfs, out));
    ContentStore.Written cfg = store.write(ImageJson.config(config,
        List.of(layer.digest().toString())));
    byte[] manifest = ImageJson.manifest(
        Descriptor.of(MediaTypes.DOCKER_PLUGIN_CONFIG, cfg.digest(), cfg.size()),
        List.of(Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, layer.digest(), layer.size())));
    Digest m = store.write(manifest).digest();
    return new ImageDigests(m, cfg.digest(), List.of(layer.digest()));
  }

  /** The manifest's own {@code mediaType} (Docker's schema 2 when it has none). */
  static String mediaType(byte[] manifest) {
    try {
      String t = Json.MAPPER.readTree(manifest).path("mediaType").asText("");
      return t.isEmpty() ? MediaTypes.DOCKER_MANIFEST : t;
    } catch (java.io.IOException e) {
      throw new HangarException(ErrorCode.MANIFEST_INVALID, "a stored manifest is not JSON: "
          + e.getMessage(), e);
    }
  }

  /**
   * Pushes {@code image} to {@code target} (a tag).
   *
   * @param mountFrom a repository of the same registry that may have the blobs
   */
  PushResult push(Reference target, ImageDigests image, Optional<String> mountFrom,
      Consumer<ProgressMessage> progress) {
    ProgressSink sink = new ProgressSink(progress, "Pushing");
    RegistryClient client = registry.withListener(sink);
    Repository repo = Repository.of(target);
    sink.say("The push refers to repository [" + Puller.familiar(target) + "]");
    List<Digest> blobs = new ArrayList<>(image.layers());
    blobs.add(image.config());
    for (Digest d : blobs) {
      sink.say(ProgressSink.shortId(d), "Preparing");
    }
    for (Digest d : blobs) {
      String id = ProgressSink.shortId(d);
      BlobPush how = client.pushBlob(repo, d, store.require(d), mountFrom);
      sink.say(id, switch (how) {
        case ALREADY_PRESENT -> "Layer already exists";
        case MOUNTED -> "Mounted from " + mountFrom.orElse("");
        default -> "Pushed";
      });
    }
    byte[] bytes = store.read(image.manifest(), RegistryClient.MAX_MANIFEST_BYTES);
    Digest pushed = client.pushManifest(target, RawManifest.of(mediaType(bytes), bytes));
    String tag = target.tag().orElse("latest");
    sink.say(tag + ": digest: " + pushed + " size: " + bytes.length);
    return new PushResult(tag, pushed.toString(), bytes.length);
  }
}
