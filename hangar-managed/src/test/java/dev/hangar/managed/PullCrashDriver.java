package dev.hangar.managed;

import dev.hangar.protocol.HangarException;
import dev.hangar.registry.CredentialSource;
import dev.hangar.registry.RegistryClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process {@link PullCrashSafetyTest} kills with SIGKILL: it owns a root's managed plugins as
 * the daemon does and pulls plugins from a real registry into it, and removes them (which
 * collects their blobs, so the next pull downloads them again). It follows {@link CrashLane}'s
 * protocol: {@code ready <problems> <plugins> <id>=<name>=<manifest digest>...}, then for each
 * operation {@code done pull <name> <layers already there>} or {@code done rm <name>}.
 *
 * <p>Arguments: the root, the registry's {@code host:port}, the seed, and optionally
 * {@code train}: a run for the class-data archive that pulls and removes each image twice and
 * ends, without waiting for input.
 */
public final class PullCrashDriver {
  /** The repositories the test pushes, each as {@code :1}. */
  static final List<String> REPOSITORIES = List.of("crash/a", "crash/b");

  private PullCrashDriver() {}

  /** The references of the images on the registry at {@code address}. */
  static List<String> references(String address) {
    return REPOSITORIES.stream().map(r -> address + "/" + r + ":1").toList();
  }

  /** The settings every owner of a pull-crash root uses. */
  static ManagedSettings settings(Path root, RegistryClient registry) {
    return ManagedSettings.defaults(root).withRegistry(registry);
  }

  /** The registry client the owners use: anonymous, no certificates. */
  static RegistryClient client(Path root) {
    return RegistryClient.builder().credentials(CredentialSource.NONE)
        .certsDir(root.resolve("no-certs")).build();
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    List<String> refs = references(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    RegistryClient registry = client(root);
    if (args.length > 3 && args[3].equals("train")) {
      train(root, registry, refs);
      return;
    }
    CrashDriverLoop.serve(() -> {
      ManagedPlugins m = ManagedPlugins.open(settings(root, registry));
      return new CrashDriverLoop.Opened(m, ready(m));
    }, m -> step(m, refs.get(random.nextInt(refs.size()))));
  }

  /** What an owner found when it opened the root. */
  static String ready(ManagedPlugins m) {
    List<ManagedPlugin> found = m.list();
    StringBuilder ready = new StringBuilder("ready " + m.problems().size() + " " + found.size());
    found.forEach(p -> ready.append(' ').append(p.id()).append('=').append(p.name()).append('=')
        .append(p.manifestDigest().orElse("none")));
    return ready.toString();
  }

  /** Pulls {@code ref} when it is not installed, else removes it; what it did. */
  static String step(ManagedPlugins m, String ref) {
    if (m.find(ref).isPresent()) {
      m.remove(ref, true);
      return "done rm " + ref;
    }
    return "done pull " + ref + " " + pull(m, ref);
  }

  /** Pulls {@code ref}; how many of its layers were in the store already. */
  static long pull(ManagedPlugins m, String ref) {
    List<ProgressMessage> progress = new CopyOnWriteArrayList<>();
    m.pull(PullRequest.of(ref, List.of()), progress::add);
    return reused(progress);
  }

  /** How many layers a pull or an upgrade found in the store already ("Already exists"). */
  static long reused(List<ProgressMessage> progress) {
    return progress.stream().filter(p -> "Already exists".equals(p.status())).count();
  }

  private static void train(Path root, RegistryClient registry, List<String> refs) {
    for (int run = 0; run < 2; run++) {
      try (ManagedPlugins m = ManagedPlugins.open(settings(root, registry))) {
        ready(m);
        for (String ref : refs) {
          step(m, ref);
          step(m, ref);
        }
        try {
          m.remove(refs.get(0), false);
        } catch (HangarException e) {
          // not found: a refusal, as the drivers meet them
        }
      }
    }
    registry.close();
  }
}
