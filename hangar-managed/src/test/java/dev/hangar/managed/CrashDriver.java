package dev.hangar.managed;

import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link CrashSafetyTest} kills with SIGKILL: it owns a root's managed plugins as the
 * daemon does (the same {@link ManagedPlugins}).
 *
 * <p>It is started ahead of its round and touches nothing of the root until it reads
 * {@code open} on standard input (the JVM boots while the previous owner still runs). Then it
 * opens the root, prints what it found ({@code ready <problems> <plugins> <enabled>
 * <states...>}) and waits for {@code go}, so the test can check the state a restart after the
 * last kill left; then it runs seeded random operations (create, set, enable, disable, rm) on
 * two plugin names for ever, printing {@code done} after each, so that the test can let it get
 * some way before the kill. End of input before {@code open} ends it.
 *
 * <p>Arguments: the root, the package directory, the seed, and optionally {@code train}: a run
 * for the class-data archive ({@link CrashDriverJvm}) that opens its own root twice, goes
 * through every operation and closes, without waiting for input.
 */
public final class CrashDriver {
  private static final List<String> NAMES = List.of("p0", "p1");

  private CrashDriver() {}

  /** The settings every owner of a crash root uses. */
  static ManagedSettings settings(Path root) {
    return ManagedSettings.defaults(root).withStartTimeout(Duration.ofSeconds(10))
        .withStopGrace(Duration.ofMillis(500));
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path pkg = Path.of(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    if (args.length > 3 && args[3].equals("train")) {
      train(root, pkg, random);
      return;
    }
    // Booted ahead of its round: JSON, the first thing opening needs, is made ready meanwhile,
    // from the package (never the root, which the owner before this one may still hold).
    Json.MAPPER.readTree(Files.readAllBytes(pkg.resolve("config.json")));
    AtomicInteger n = new AtomicInteger();
    CrashDriverLoop.serve(() -> {
      ManagedPlugins m = ManagedPlugins.open(settings(root));
      return new CrashDriverLoop.Opened(m, ready(m));
    }, m -> {
      step(m, pkg, random, n.getAndIncrement());
      return "done";
    });
  }

  /** What an owner found when it opened the root. */
  private static String ready(ManagedPlugins m) {
    List<ManagedPlugin> found = m.list();
    StringBuilder ready = new StringBuilder("ready " + m.problems().size() + " " + found.size()
        + " " + found.stream().filter(p -> p.state() == ManagedState.ENABLED).count());
    found.forEach(p -> ready.append(' ').append(p.id()).append('=').append(p.state()));
    return ready.toString();
  }

  /** One seeded random operation on one of the two names. */
  private static void step(ManagedPlugins m, Path pkg, Random random, int n) {
    String name = NAMES.get(random.nextInt(NAMES.size()));
    try {
      ManagedPlugin p = m.find(name).orElse(null);
      int op = random.nextInt(4);
      if (p == null) {
        m.create(name, pkg);
      } else if (op == 0) {
        m.remove(name, random.nextBoolean());
      } else if (p.enabled()) {
        m.disable(name, true);
      } else if (op == 1) {
        m.set(name, List.of("MINI_ECHO=round-" + n));
      } else {
        m.enable(name, Duration.ZERO);
      }
    } catch (RuntimeException e) {
      // refusals (enabled, in use) are part of the mix
    }
  }

  /**
   * The training run: what the owners do (every operation, refusals among them, and a restore
   * of an enabled plugin), then a close that stops everything and a last rm of what is left.
   */
  private static void train(Path root, Path pkg, Random random) {
    try (ManagedPlugins m = ManagedPlugins.open(settings(root))) {
      ready(m);
      m.create("p0", pkg);
      m.create("p1", pkg);
      m.set("p0", List.of("MINI_ECHO=trained"));
      m.enable("p0", Duration.ZERO);
      refused(() -> m.set("p0", List.of("MINI_ECHO=refused")));
      refused(() -> m.remove("p0", false));
      m.disable("p0", true);
      m.remove("p1", false);
      m.create("p1", pkg);
      m.enable("p1", Duration.ZERO);
      m.remove("p1", true);
      for (int n = 0; n < 8; n++) {
        step(m, pkg, random, n);
      }
      if (m.find("p0").isEmpty()) {
        m.create("p0", pkg);
      }
      if (!m.inspect("p0").enabled()) {
        m.enable("p0", Duration.ZERO);
      }
    }
    try (ManagedPlugins m = ManagedPlugins.open(settings(root))) { // enables p0 again
      ready(m);
      for (ManagedPlugin p : m.list()) {
        m.remove(p.name(), true);
      }
    }
  }

  private static void refused(Runnable op) {
    try {
      op.run();
      throw new IllegalStateException("not refused");
    } catch (dev.hangar.protocol.HangarException e) {
      // as expected
    }
  }
}
