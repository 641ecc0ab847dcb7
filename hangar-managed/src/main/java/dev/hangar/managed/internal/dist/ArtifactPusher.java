package dev.hangar.managed.internal.dist;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.ProgressMessage;
import dev.hangar.managed.PushResult;
import dev.hangar.managed.internal.artifact.ArtifactConfig;
import dev.hangar.managed.internal.artifact.ArtifactMedia;
import dev.hangar.managed.internal.store.AtomicFiles;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.RawManifest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pushes a JAR plugin or an exec bundle as one of Hangar's artifacts (section 16.1): an OCI
 * image manifest with {@code artifactType}, the config blob {@link ArtifactConfig}, and one layer
 * (the JAR as it is; the bundle as a deterministic gzipped tar, as {@link RootfsLayer} writes a
 * rootfs), the layer titled with {@code org.opencontainers.image.title}. Blobs the repository
 * has are not sent again.
 */
public final class ArtifactPusher {
  private ArtifactPusher() {}

  /** Pushes the JAR at {@code jar} with its config. */
  public static PushResult pushJar(RegistryClient client, Reference target,
      ArtifactConfig config, Path jar, Consumer<ProgressMessage> progress) {
    return push(client, target, config, jar, ArtifactMedia.JAR_LAYER, ArtifactMedia.JAR_ARTIFACT,
        config.jarFile(), progress);
  }

  /** Pushes the bundle directory {@code dir} with its config. */
  public static PushResult pushExec(RegistryClient client, Reference target,
      ArtifactConfig config, Path dir, Consumer<ProgressMessage> progress) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("hangar-bundle-", ".tar.gz");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        RootfsLayer.write(dir, out);
      }
      return push(client, target, config, tmp, ArtifactMedia.EXEC_LAYER,
          ArtifactMedia.EXEC_ARTIFACT, dir.getFileName() + ".tar.gz", progress);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot pack the exec bundle " + dir + ": "
          + e, e);
    } finally {
      delete(tmp);
    }
  }

  private static PushResult push(RegistryClient registry, Reference target,
      ArtifactConfig config, Path layerFile, String layerType, String artifactType, String title,
      Consumer<ProgressMessage> progress) {
    ProgressSink sink = new ProgressSink(progress, "Pushing");
    RegistryClient client = registry.withListener(sink);
    Repository repo = Repository.of(target);
    sink.say("The push refers to repository [" + Puller.familiar(target) + "]");
    Path cfg = null;
    try {
      cfg = Files.createTempFile("hangar-artifact-config-", ".json");
      Files.write(cfg, config.toJson());
      RegistryClient.Pushed layer = client.pushBlob(repo, layerFile, Optional.empty());
      say(sink, layer);
      RegistryClient.Pushed conf = client.pushBlob(repo, cfg, Optional.empty());
      say(sink, conf);
      byte[] manifest = manifest(artifactType,
          Descriptor.of(ArtifactMedia.CONFIG, conf.descriptor().digest(),
              conf.descriptor().size()),
          Descriptor.of(layerType, layer.descriptor().digest(), layer.descriptor().size()), title);
      var pushed = client.pushManifest(target, RawManifest.of(MediaTypes.OCI_MANIFEST, manifest));
      String tag = target.tag().orElse("latest");
      sink.say(tag + ": digest: " + pushed + " size: " + manifest.length);
      return new PushResult(tag, pushed.toString(), manifest.length);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot push " + target + ": " + e, e);
    } finally {
      delete(cfg);
    }
  }

  private static void say(ProgressSink sink, RegistryClient.Pushed p) {
    sink.say(ProgressSink.shortId(p.descriptor().digest()), switch (p.how()) {
      case ALREADY_PRESENT -> "Layer already exists";
      default -> "Pushed";
    });
  }

  /** The OCI image manifest of an artifact (compact JSON). */
  static byte[] manifest(String artifactType, Descriptor config, Descriptor layer,
      String title) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    m.put("artifactType", artifactType);
    m.set("config", ImageJson.descriptor(config.mediaType(), config));
    ObjectNode l = ImageJson.descriptor(layer.mediaType(), layer);
    l.putObject("annotations").put("org.opencontainers.image.title", title);
    m.putArray("layers").add(l);
    return ImageJson.goEncode(m).getBytes(StandardCharsets.UTF_8);
  }

  private static void delete(Path p) {
    if (p != null) {
      try {
        AtomicFiles.deleteTree(p);
      } catch (IOException e) {
        // a temp file left behind; nothing else depends on it
      }
    }
  }
}
