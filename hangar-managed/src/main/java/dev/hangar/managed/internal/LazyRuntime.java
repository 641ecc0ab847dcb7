package dev.hangar.managed.internal;

import dev.hangar.managed.ManagedSettings;
import dev.hangar.managed.internal.runtime.OciRuntime;
import dev.hangar.managed.internal.runtime.RuntimeDirs;
import java.util.function.Supplier;

/**
 * The OCI runtime, located on first use and kept once found; a runtime that is missing is looked
 * for again next time (the operator may install it while the daemon runs).
 */
final class LazyRuntime implements Supplier<OciRuntime> {
  private final ManagedSettings settings;
  private final RuntimeDirs dirs;
  private volatile OciRuntime found;

  LazyRuntime(ManagedSettings settings, RuntimeDirs dirs) {
    this.settings = settings;
    this.dirs = dirs;
  }

  @Override
  public OciRuntime get() {
    OciRuntime r = found;
    if (r == null) {
      synchronized (this) {
        if (found == null) {
          found = OciRuntime.locate(settings.runtime(), dirs.runtimeState(), settings.rootless(),
              System.getenv());
        }
        r = found;
      }
    }
    return r;
  }
}
