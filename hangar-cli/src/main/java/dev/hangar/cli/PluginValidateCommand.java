package dev.hangar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hangar.JarPluginInfo;
import dev.hangar.JarPluginState;
import dev.hangar.PluginHost;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.internal.Json;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin validate}: the counterpart of Dragonfly's {@code dfget plugin}. Loads every
 * JAR of the plugin directories and prints one line per JAR: for a loaded plugin
 * {@code <type> plugin <name>, location: <file>, attribute: <JSON, sorted keys>}, for a refused
 * one {@code refused plugin, location: <file>, error: <reason>}; warnings follow on lines starting
 * with {@code warning:}. Exits 1 when any JAR was refused.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Load every JAR plugin of the plugin dirs and report each: its attributes, or "
        + "why it was refused (exit status 1 when any was).")
final class PluginValidateCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    PrintStream out = top.context().out();
    try (PluginHost host = HostFactory.open(top)) {
      for (Path d : host.pluginDirs()) {
        out.println("search plugins in " + d);
      }
      List<JarPluginInfo> jars = host.jarPlugins();
      boolean refused = false;
      for (JarPluginInfo j : jars) {
        if (j.state() == JarPluginState.LOADED) {
          out.println(j.type() + " plugin " + j.name() + ", location: " + j.fileName()
              + ", attribute: " + json(j));
        } else {
          refused = true;
          out.println("refused plugin, location: " + j.fileName() + ", error: "
              + j.error().replace('\n', ' '));
        }
        j.warnings().forEach(w -> out.println("warning: " + j.fileName() + ": " + w));
      }
      if (jars.isEmpty()) {
        out.println("no plugin JARs found");
      }
      return refused ? ErrorCode.PLUGIN_LOAD_FAILED.exitStatus() : 0;
    }
  }

  private static String json(JarPluginInfo j) {
    try {
      return Json.MAPPER.writeValueAsString(new TreeMap<>(j.attributes()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
