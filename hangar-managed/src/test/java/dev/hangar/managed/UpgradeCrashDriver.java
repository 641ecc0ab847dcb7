package dev.hangar.managed;

import dev.hangar.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The process {@link UpgradeCrashSafetyTest} kills with SIGKILL: it owns a root's managed plugins
 * as the daemon does, installs one plugin from a real registry ({@code :1}), and then, over and
 * over, sets its setting ({@code DEBUG}, one more each time) and upgrades it, disabled, to the
 * other tag ({@code :2}, then {@code :1} again). A second plugin, installed from {@code :2} and
 * never changed, keeps that version's blobs in the store, so that every other upgrade fetches
 * nothing and spends its time unpacking and committing. It follows {@link CrashLane}'s protocol:
 * {@code ready <problems> <left> <plugins> <id>=<name>=<reference>=<manifest>=<description>=
 * <DEBUG>...}, where {@code left} is what an upgrade had staged when the root was opened (see
 * {@link #left}); then for each operation {@code done pull <ref> <layers already there>},
 * {@code done set <DEBUG>} or {@code done upgrade <ref> <layers already there>}.
 *
 * <p>Arguments: the root, the registry's {@code host:port}, the seed, and optionally
 * {@code train}: a run for the class-data archive that installs, sets and upgrades both ways,
 * removes and ends, without waiting for input.
 */
public final class UpgradeCrashDriver {
  /** The setting the owners change. */
  static final String SETTING = "DEBUG";

  private UpgradeCrashDriver() {}

  /** The references of the two versions on the registry at {@code address}. */
  static List<String> references(String address) {
    return List.of(address + "/crash/up:1", address + "/crash/up:2");
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    List<String> refs = references(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    RegistryClient registry = PullCrashDriver.client(root);
    if (args.length > 3 && args[3].equals("train")) {
      train(root, registry, refs);
      return;
    }
    CrashDriverLoop.serve(() -> {
      String left = left(root); // what the kill before left, before the cleanup at open
      ManagedPlugins m = ManagedPlugins.open(PullCrashDriver.settings(root, registry));
      return new CrashDriverLoop.Opened(m, ready(m, left));
    }, m -> step(m, refs, random));
  }

  /**
   * What an upgrade had staged in the plugin's directory when the owner before was killed:
   * {@code new} ({@code rootfs.new}: the new rootfs moved in, not committed), {@code json}
   * ({@code upgrade.json}: committed, not finished), {@code old} ({@code rootfs.old}: the old
   * rootfs moved aside or not yet deleted), comma-separated, or {@code -}.
   */
  static String left(Path root) throws IOException {
    Path managed = RootChecks.managed(root);
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(managed)) {
      try (Stream<Path> s = Files.list(managed)) {
        for (Path dir : s.filter(Files::isDirectory).toList()) {
          for (String[] f : new String[][] {{"rootfs.new", "new"}, {"upgrade.json", "json"},
              {"rootfs.old", "old"}}) {
            if (Files.exists(dir.resolve(f[0]))) {
              found.add(f[1]);
            }
          }
        }
      }
    }
    return found.isEmpty() ? "-" : String.join(",", found);
  }

  /** What an owner found when it opened the root. */
  static String ready(ManagedPlugins m, String left) {
    List<ManagedPlugin> found = m.list();
    StringBuilder ready = new StringBuilder("ready " + m.problems().size() + " " + left + " "
        + found.size());
    for (ManagedPlugin p : found) {
      ready.append(' ').append(p.id()).append('=').append(p.name()).append('=')
          .append(p.pluginReference()).append('=').append(p.manifestDigest().orElse("none"))
          .append('=').append(p.config().description()).append('=').append(setting(p));
    }
    return ready.toString();
  }

  /** The plugin's {@link #SETTING}, or {@code none}. */
  static String setting(ManagedPlugin p) {
    return p.settings().env().stream().filter(e -> e.startsWith(SETTING + "="))
        .map(e -> e.substring(SETTING.length() + 1)).findFirst().orElse("none");
  }

  /**
   * Installs {@code :1}, then {@code :2}, when they are not; else, half the time, sets
   * {@link #SETTING} of {@code :1} one higher, and otherwise upgrades it to the other version.
   * What it did.
   */
  static String step(ManagedPlugins m, List<String> refs, Random random) {
    for (String ref : refs) {
      if (m.find(ref).isEmpty()) {
        return "done pull " + ref + " " + PullCrashDriver.pull(m, ref);
      }
    }
    ManagedPlugin p = m.inspect(refs.get(0));
    if (random.nextBoolean()) {
      long next = Long.parseLong(setting(p)) + 1;
      m.set(p.id(), List.of(SETTING + "=" + next));
      return "done set " + next;
    }
    String to = refs.get(p.pluginReference().equals(refs.get(0)) ? 1 : 0);
    List<ProgressMessage> progress = new CopyOnWriteArrayList<>();
    m.upgrade(p.id(), PullRequest.of(to, List.of()), progress::add);
    return "done upgrade " + to + " " + PullCrashDriver.reused(progress);
  }

  private static void train(Path root, RegistryClient registry, List<String> refs) {
    Random random = new Random(1);
    for (int run = 0; run < 2; run++) {
      try (ManagedPlugins m = ManagedPlugins.open(PullCrashDriver.settings(root, registry))) {
        ready(m, "-");
        for (int n = 0; n < 8; n++) {
          step(m, refs, random);
        }
        if (run == 1) {
          m.remove(refs.get(0), false);
          m.remove(refs.get(1), false);
        }
      }
    }
    registry.close();
  }
}
