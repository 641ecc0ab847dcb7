package dev.hangar.managed.internal;

import dev.hangar.managed.ManagedSettings;
import dev.hangar.managed.internal.runtime.OciRuntime;
import dev.hangar.managed.internal.runtime.RuntimeDirs;
import dev.hangar.managed.internal.store.PluginStore;
import java.util.function.Supplier;

/**
 * What every supervisor shares: the settings, the store, the runtime dirs, the runtime (located
 * on first use, so that a machine without runc can still create and list plugins) and the
 * events.
 */
record Context(ManagedSettings settings, PluginStore store, RuntimeDirs dirs,
    Supplier<OciRuntime> runtime, Events events, SocketLinks links) {}
