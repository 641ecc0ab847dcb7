package dev.hangar.managed.internal.dist;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.Privilege;
import dev.hangar.managed.ProgressMessage;
import dev.hangar.managed.PluginKind;
import dev.hangar.managed.internal.artifact.ArtifactConfig;
import dev.hangar.managed.internal.artifact.ArtifactMedia;
import dev.hangar.managed.internal.artifact.ArtifactUnpack;
import dev.hangar.managed.internal.artifact.JarFacts;
import dev.hangar.managed.internal.artifact.Kinds;
import dev.hangar.managed.internal.config.ConfigJson;
import dev.hangar.managed.internal.config.Privileges;
import dev.hangar.managed.internal.store.ImageDigests;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.Digest;
import dev.hangar.registry.ImageManifest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import dev.hangar.registry.sign.SignatureVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fetches a plugin image into the content store and unpacks it, as moby's {@code Pull}: the
 * manifest (a list resolved to linux/amd64), the config blob (parsed with the config reader,
 * its privileges checked against the grant before any layer is fetched), each layer (skipped
 * when the store has it, i.e. verified by an earlier pull), applied in order while it downloads
 * ({@link StreamedLayers}). Blobs are verified as they arrive and enter the store only whole;
 * nothing else is touched until the caller installs what {@link #pull} returns.
 *
 * <p>{@code rootfs.diff_ids} are not checked: {@code docker plugin create} records there the
 * digest of the gzipped layer, not of the tar, so a check as for images would refuse every
 * plugin Docker pushed (reference section 4.3).
 */
final class Puller {
  static final int MAX_CONFIG_BYTES = 1 << 20;

  private final RegistryClient registry;
  private final ContentStore store;
  private final SignatureVerifier verifier;

  Puller(RegistryClient registry, ContentStore store, SignatureVerifier verifier) {
    this.registry = registry;
    this.store = store;
    this.verifier = verifier;
  }

  /**
   * The manifest and config of {@code ref}, checked; the config blob lands in the store. The
   * manifest's signatures are verified as the policy asks before anything else is fetched.
   *
   * @throws dev.hangar.registry.sign.SignatureException SIGNATURE_REQUIRED, SIGNATURE_INVALID
   */
  Resolved resolve(Reference ref, RegistryClient client, ContentStore.Pin pin) {
    ImageManifest m = client.pullManifest(ref);
    verifier.verify(client, ref, m);
    boolean artifact = PluginImage.isArtifact(m);
    PluginImage image = artifact ? PluginImage.artifact(ref, m) : PluginImage.of(ref, m);
    pin.add(m.digest());
    pin.add(image.config().digest());
    Descriptor c = image.config();
    if (c.size() > MAX_CONFIG_BYTES) {
      throw new HangarException(ErrorCode.MANIFEST_INVALID, ref + ": its plugin config is "
          + c.size() + " bytes, more than " + MAX_CONFIG_BYTES);
    }
    client.fetchBlob(Repository.of(ref), c, store.blobs());
    byte[] bytes = store.read(c.digest(), MAX_CONFIG_BYTES);
    String where = ref + " config " + c.digest();
    if (!artifact) {
      PluginConfig config = Kinds.requireDocker(ConfigJson.parse(bytes, where), where);
      return new Resolved(image, config, Optional.empty());
    }
    ArtifactConfig a = ArtifactConfig.parse(bytes, where);
    String layerType = image.layers().get(0).mediaType();
    String wanted = a.kind() == PluginKind.JAR ? ArtifactMedia.JAR_LAYER : ArtifactMedia.EXEC_LAYER;
    if (!layerType.equals(wanted)) {
      throw new HangarException(ErrorCode.MANIFEST_INVALID, ref + ": a " + a.kind().wireName()
          + " plugin's layer is " + wanted + ", not " + layerType);
    }
    if (a.kind() == PluginKind.JAR) {
      JarFacts.checkName(a.jarFile());
      JarFacts.checkApi(a.apiVersion(), ref + " (" + a.jarFile() + ")");
    }
    return new Resolved(image, a.pluginConfig(), Optional.of(a));
  }

  record Resolved(PluginImage image, PluginConfig config, Optional<ArtifactConfig> artifact) {}

  /** The manifest digest of {@code ref} and the privileges it asks for. */
  dev.hangar.managed.RemoteImage remote(Reference ref) {
    try (ContentStore.Pin pin = store.pin(Set.of())) {
      Resolved r = resolve(ref, registry, pin);
      return new dev.hangar.managed.RemoteImage(r.image().manifest().digest().toString(),
          Privileges.compute(r.config()));
    }
  }

  /**
   * Pulls {@code ref} into {@code staging}/rootfs.
   *
   * @param granted checked with {@link Grants#check} before any layer is fetched
   * @param staging an existing, empty, private directory
   * @param maxBytes the most bytes the rootfs may hold
   * @return the pulled image; close it once installed (or not)
   * @throws HangarException SIGNATURE_REQUIRED, SIGNATURE_INVALID, PRIVILEGES_INCORRECT, MANIFEST_INVALID, DIGEST_MISMATCH,
   *     PACKAGE_INVALID (a layer), the registry client's codes, IO_ERROR
   */
  Pulled pull(Reference ref, List<Privilege> granted, Path staging, long maxBytes,
      Consumer<ProgressMessage> progress) {
    ProgressSink sink = new ProgressSink(progress, "Downloading");
    RegistryClient client = registry.withListener(sink);
    ContentStore.Pin pin = store.pin(Set.of());
    try {
      Resolved r = resolve(ref, client, pin);
      PluginImage image = r.image();
      sink.say(ref.tag().orElse(ref.toString()), "Pulling from " + familiar(ref));
      sink.say("Digest: " + image.manifest().digest());
      Grants.check(Privileges.compute(r.config()), granted);
      image.layers().forEach(l -> pin.add(l.digest()));
      Repository repo = Repository.of(ref);
      Path rootfs;
      if (r.artifact().isPresent()) {
        for (Descriptor l : image.layers()) {
          StreamedLayers.fetchWhole(client, store, repo, l, sink);
        }
        Digest layer = image.layers().get(0).digest();
        rootfs = ArtifactUnpack.into(r.artifact().get(), store.require(layer), staging,
            maxBytes, ref.toString());
        sink.say(ProgressSink.shortId(layer), "Pull complete");
      } else {
        StreamedLayers layers = new StreamedLayers(store, staging, maxBytes, sink);
        for (Descriptor l : image.layers()) {
          layers.fetch(registry, repo, l);
        }
        rootfs = layers.finish(image.layers());
      }
      Digest manifest = store.write(image.manifest().raw().bytes()).digest();
      List<Digest> sums = image.layers().stream().map(Descriptor::digest).toList();
      ImageDigests digests = new ImageDigests(manifest, image.config().digest(), sums);
      return new Pulled(r.config(), digests, rootfs, pin);
    } catch (RuntimeException e) {
      pin.close();
      throw e;
    }
  }

  /** The name without registry for Docker Hub, as {@code reference.FamiliarName}. */
  static String familiar(Reference ref) {
    if (!ref.registry().equals(Reference.DOCKER_HUB)) {
      return ref.name();
    }
    String r = ref.repository();
    return r.startsWith("library/") && r.indexOf('/', 8) < 0 ? r.substring(8) : r;
  }
}
