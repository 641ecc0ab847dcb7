package dev.hangar.bench.jar;

import dev.hangar.JarHandle;
import dev.hangar.JarPluginInfo;
import dev.hangar.PluginHost;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hangar's side: a {@link PluginHost} over the directory (every plugin's init runs), then each
 * plugin's implementation through its {@link JarHandle}, called once.
 */
final class HangarSide implements PluginSide {

  private PluginHost host;

  @Override
  public int load(Path dir) {
    host = PluginHost.builder().pluginDirs(List.of(dir)).build();
    int n = 0;
    for (JarPluginInfo info : host.jarPlugins()) {
      JarHandle<?> s = host.jarHandle(info.type(), info.name(), Supplier.class)
          .orElseThrow(() -> new IllegalStateException("not loaded: " + info));
      if (!s.call(impl -> ((Supplier<?>) impl).get()).toString().isEmpty()) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    if (host != null) {
      host.close();
      host = null;
    }
  }
}
