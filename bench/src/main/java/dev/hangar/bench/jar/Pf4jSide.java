package dev.hangar.bench.jar;

import java.nio.file.Path;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;

/**
 * PF4J 3.15's {@link JarPluginManager}: load, start, then create every plugin's extension
 * ({@code getExtensions}) and call it once; the same work as {@link HangarSide}.
 */
final class Pf4jSide implements PluginSide {

  private PluginManager manager;

  @Override
  public int load(Path dir) {
    manager = new JarPluginManager(dir);
    manager.loadPlugins();
    manager.startPlugins();
    int n = 0;
    for (Greeter g : manager.getExtensions(Greeter.class)) {
      if (!g.greet().isEmpty()) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    if (manager != null) {
      // unloadPlugins stops each plugin first; PF4J 3.15's stopPlugins() throws a
      // ConcurrentModificationException with many started plugins.
      manager.unloadPlugins();
      manager = null;
    }
  }
}
