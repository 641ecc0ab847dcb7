package dev.hangar.managed;

import dev.hangar.testkit.MiniPlugin;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** The testkit's {@link MiniPlugin}, skipped without what it needs (failing under CI). */
final class MiniPackages {
  private MiniPackages() {}

  static void assumeRuntime() {
    Optional<String> missing = MiniPlugin.missing();
    if (missing.isPresent() && System.getenv("CI") != null) {
      throw new AssertionError("CI is set but " + missing.get() + " is missing");
    }
    Assumptions.assumeTrue(missing.isEmpty(), () -> "needs " + missing.orElse(""));
  }
}
