package dev.hangar.managed.internal.dist;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.Privilege;
import dev.hangar.managed.ProgressMessage;
import dev.hangar.managed.PushResult;
import dev.hangar.managed.internal.store.ImageDigests;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Digest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.sign.SignaturePolicy;
import dev.hangar.registry.sign.SignatureVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plugin images both ways, for the manager: privileges of a remote, pulls into a staging
 * directory, pushes, and the collection of blobs no plugin refers to. Holds the content store
 * and the registry client (built on first use when the settings give none; closed with this).
 * Thread-safe.
 */
public final class Distribution implements AutoCloseable {
  private final ContentStore store;
  private final Supplier<RegistryClient> given;
  private final boolean owned;
  private final SignatureVerifier verifier;
  private RegistryClient client;

  /**
   * @param store the content store
   * @param registry the client to use, or empty for one with Docker's defaults (built on first
   *     use, closed by {@link #close})
   * @param policy the signatures pulls require, checked on the manifest before any layer
   */
  public Distribution(ContentStore store, Optional<RegistryClient> registry,
      SignaturePolicy policy) {
    this.store = store;
    this.verifier = SignatureVerifier.of(policy);
    this.owned = registry.isEmpty();
    this.given = registry.isPresent() ? registry::get : () -> RegistryClient.builder().build();
  }

  /** The content store. */
  public ContentStore store() {
    return store;
  }

  private synchronized RegistryClient client(CredentialSource credentials) {
    if (client == null) {
      client = given.get();
    }
    return credentials == CredentialSource.NONE ? client : client.withCredentials(credentials);
  }

  /** See {@link dev.hangar.managed.ManagedPlugins#remoteImage}. */
  public dev.hangar.managed.RemoteImage remote(Reference ref, CredentialSource credentials) {
    return new Puller(client(credentials), store, verifier).remote(ref);
  }

  /** Fetches and unpacks {@code ref} into {@code staging}; see {@link Puller#pull}. */
  public Pulled pull(Reference ref, List<Privilege> granted, CredentialSource credentials,
      Path staging, long maxBytes, Consumer<ProgressMessage> progress) {
    return new Puller(client(credentials), store, verifier)
        .pull(ref, granted, staging, maxBytes, progress);
  }

  /** The image to push for a plugin; see {@link Pusher#image}. */
  public ImageDigests image(Optional<ImageDigests> existing, PluginConfig config, Path rootfs) {
    return new Pusher(client(CredentialSource.NONE), store).image(existing, config, rootfs);
  }

  /** Pushes an image; see {@link Pusher#push}. */
  public PushResult push(Reference target, ImageDigests image, Optional<String> mountFrom,
      CredentialSource credentials, Consumer<ProgressMessage> progress) {
    return new Pusher(client(credentials), store).push(target, image, mountFrom, progress);
  }

  /** Keeps {@code digests} from collection until the handle is closed. */
  public ContentStore.Pin pin(Set<Digest> digests) {
    return store.pin(digests);
  }

  /** Removes the blobs outside {@code used} (and not pinned). @return how many went */
  public int collect(Set<Digest> used) {
    return store.collect(used);
  }

  /** Closes the registry client when this built it. */
  @Override
  public synchronized void close() {
    if (owned && client != null) {
      client.close();
      client = null;
    }
  }
}
