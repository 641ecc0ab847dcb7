package dev.hangar.managed;

import java.nio.file.Path;

/**
 * Where a root publishes its enabled JAR and exec plugins for the hosts ({@code docs/protocol.md}
 * section 16.4): the one definition both the managed store (which links them) and the hosts
 * (which load them) use.
 *
 * @since 0.3
 */
public final class InstalledPlugins {
  private InstalledPlugins() {}

  /** {@code <root>/managed/jars}: a link per enabled JAR plugin. */
  public static Path jarDir(Path root) {
    return root.resolve("managed").resolve("jars");
  }

  /** {@code <root>/managed/exec}: a link per enabled exec bundle, each an exec dir. */
  public static Path execDir(Path root) {
    return root.resolve("managed").resolve("exec");
  }
}
