package dev.hangar.managed;

import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.RegistryClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link PushCrashSafetyTest} kills with SIGKILL: it owns a root's managed plugins as
 * the daemon does and pushes them in turn, from one drawn at random, to the registry their
 * names name (so that the second push of a round is the other plugin's, which uploads its blobs
 * to a registry emptied before the round). It follows {@link CrashLane}'s protocol
 * ({@link CrashDriverLoop}): {@code ready} as {@link PullCrashDriver#ready}, then for each push
 * {@code done push <name> <digest>}.
 *
 * <p>Arguments: the root, the seed, and optionally {@code train <package> <host:port>}: a run
 * for the class-data archive that creates a plugin from the package, named for that registry,
 * pushes it twice, opens the root again, pushes it and removes it, and ends, without waiting
 * for input.
 */
public final class PushCrashDriver {
  private PushCrashDriver() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    RegistryClient registry = PullCrashDriver.client(root);
    if (args.length > 2 && args[2].equals("train")) {
      train(root, registry, Path.of(args[3]), args[4] + "/crash/train:1");
      return;
    }
    AtomicInteger turn = new AtomicInteger(random.nextInt(1 << 16));
    CrashDriverLoop.serve(() -> {
      ManagedPlugins m = ManagedPlugins.open(PullCrashDriver.settings(root, registry));
      return new CrashDriverLoop.Opened(m, PullCrashDriver.ready(m));
    }, m -> {
      List<ManagedPlugin> plugins = m.list();
      String name = plugins.get(turn.getAndIncrement() % plugins.size()).name();
      return "done push " + name + " " + push(m, name);
    });
  }

  /** Pushes the plugin {@code name}; the digest of the manifest pushed. */
  static String push(ManagedPlugins m, String name) {
    return m.push(name, CredentialSource.NONE, x -> { }).digest();
  }

  private static void train(Path root, RegistryClient registry, Path pkg, String name) {
    try (ManagedPlugins m = ManagedPlugins.open(PullCrashDriver.settings(root, registry))) {
      PullCrashDriver.ready(m);
      m.create(name, pkg);
      push(m, name);
      push(m, name);
    }
    try (ManagedPlugins m = ManagedPlugins.open(PullCrashDriver.settings(root, registry))) {
      PullCrashDriver.ready(m);
      push(m, name);
      m.remove(name, false);
    }
    registry.close();
  }
}
