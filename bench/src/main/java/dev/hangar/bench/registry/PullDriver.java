package dev.hangar.bench.registry;

import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.managed.ProgressMessage;
import dev.hangar.managed.PullRequest;
import dev.hangar.registry.BlobStore;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.ImageManifest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Hangar's library side of {@code bench/registry.sh}, one fresh JVM per call, which does the
 * operation twice, from scratch each time (into another directory; the first install removed,
 * its blobs with it). The first is a cold JVM's (printed as {@code cold S}); the second,
 * measured ({@code seconds S}), is that of an application that has pulled before, as the daemon
 * has: the JIT has compiled the hashing and inflating loops by then.
 *
 * <ul>
 *   <li>{@code fetch REF DIR}: what {@code skopeo copy docker://REF dir:DIR} does, with
 *       {@link RegistryClient}: the manifest, then the config and every layer into a
 *       {@link BlobStore} at {@code DIR}, each hashed as it arrives, checked against its digest
 *       and fsynced before it is renamed into place; nothing unpacked.
 *   <li>{@code install REF ROOT NAME}: what {@code hangar plugin install --disable
 *       --alias NAME} does, without CLI and daemon: {@link ManagedPlugins#remotePrivileges},
 *       then {@link ManagedPlugins#pull} on a managed root of its own (fetch and verify as
 *       above, unpack the layers into a rootfs with the package checks, commit the state).
 * </ul>
 *
 * <p>Each figure is the operation alone (the JVM's start excluded). With
 * {@code -Dbench.trace=true}, {@code install} also prints, in milliseconds since its start,
 * every progress message but the byte counts, to show where the time goes.
 */
public final class PullDriver {
  private PullDriver() {}

  /** {@code PullDriver fetch REF DIR} or {@code PullDriver install REF ROOT NAME}. */
  public static void main(String[] args) {
    long t0;
    long w0 = System.nanoTime();
    long cold;
    switch (args[0]) {
      case "fetch" -> {
        Path dir = Path.of(args[2]);
        fetch(Reference.parse(args[1]), dir.resolveSibling(dir.getFileName() + "-warm"));
        cold = System.nanoTime() - w0;
        t0 = System.nanoTime();
        fetch(Reference.parse(args[1]), dir);
      }
      case "install" -> {
        try (ManagedPlugins plugins = ManagedPlugins.open(ManagedSettings.defaults(
            Path.of(args[2])))) {
          install(plugins, args[1], args[3] + "-warm", m -> { });
          cold = System.nanoTime() - w0;
          plugins.remove(args[3] + "-warm", true);
          t0 = System.nanoTime();
          long start = t0;
          install(plugins, args[1], args[3], Boolean.getBoolean("bench.trace") ? m -> {
            if (m.current() < 0 || m.current() == m.total()) {
              System.out.printf("%6.0f ms %s %s %s%n", (System.nanoTime() - start) / 1e6,
                  m.id(), m.status(), m.current() < 0 ? "" : m.current());
            }
          } : m -> { });
        }
      }
      default -> throw new IllegalArgumentException("fetch or install, not " + args[0]);
    }
    System.out.printf("cold %.3f%nseconds %.3f%n", cold / 1e9, (System.nanoTime() - t0) / 1e9);
  }

  private static void fetch(Reference ref, Path dir) {
    try (RegistryClient client = RegistryClient.builder().build()) {
      ImageManifest m = client.pullManifest(ref);
      BlobStore store = BlobStore.at(dir);
      Repository repo = Repository.of(ref);
      client.fetchBlob(repo, m.config(), store);
      for (Descriptor layer : m.layers()) {
        client.fetchBlob(repo, layer, store);
      }
    }
  }

  private static void install(ManagedPlugins plugins, String ref, String name,
      Consumer<ProgressMessage> progress) {
    var granted = plugins.remotePrivileges(ref, CredentialSource.NONE);
    plugins.pull(PullRequest.of(ref, granted).withName(name), progress);
  }
}
