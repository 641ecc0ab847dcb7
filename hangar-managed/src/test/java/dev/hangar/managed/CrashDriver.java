package dev.hangar.managed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The process {@link CrashSafetyTest} kills with SIGKILL: it owns a root's managed plugins as the
 * daemon does (the same {@link ManagedPlugins}). Once open it prints what it found
 * ({@code ready <problems> <plugins> <enabled> <states...>}) and waits for a line on standard
 * input, so the test can check the state a restart after the last kill left; then it runs
 * seeded random operations (create, set, enable, disable, rm) on two plugin names for ever,
 * printing {@code done} after each, so that the test can let it get some way before the kill.
 *
 * <p>Arguments: the root, the package directory, the seed.
 */
public final class CrashDriver {
  private CrashDriver() {}

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    Path pkg = Path.of(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    ManagedPlugins m = ManagedPlugins.open(CrashSafetyTest.settings(root));
    List<ManagedPlugin> found = m.list();
    StringBuilder ready = new StringBuilder("ready " + m.problems().size() + " " + found.size()
        + " " + found.stream().filter(p -> p.state() == ManagedState.ENABLED).count());
    found.forEach(p -> ready.append(' ').append(p.id()).append('=').append(p.state()));
    System.out.println(ready);
    System.out.flush();
    try {
      if (System.in.read() < 0) {
        return;
      }
    } catch (java.io.IOException e) {
      return;
    }
    List<String> names = List.of("p0", "p1");
    for (int n = 0; ; n++) {
      String name = names.get(random.nextInt(names.size()));
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
      System.out.println("done");
      System.out.flush();
    }
  }
}
