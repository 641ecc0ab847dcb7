package dev.hangar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hangar.JarPluginInfo;
import dev.hangar.JarPluginState;
import dev.hangar.protocol.internal.Json;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.TreeMap;

/**
 * The lines {@code plugin validate} prints for a JAR: {@code <type> plugin <name>, location:
 * <file>, attribute: <JSON, sorted keys>} for a loaded one (Dragonfly's {@code dfget plugin}
 * form), {@code refused plugin, location: <file>, error: <reason on one line>} for a refused one,
 * then {@code warning: <file>: <text>} per warning.
 */
final class JarLines {
  private JarLines() {}

  /** The plugin's line, {@code prefix} first (e.g. {@code "reloaded "}), then its warnings. */
  static void print(PrintStream out, String prefix, JarPluginInfo j) {
    out.println(prefix + (j.state() == JarPluginState.FAILED ? refused(j) : loaded(j)));
    j.warnings().forEach(w -> out.println("warning: " + j.fileName() + ": " + oneLine(w)));
  }

  static String loaded(JarPluginInfo j) {
    return j.type() + " plugin " + j.name() + ", location: " + j.fileName() + ", attribute: "
        + json(j);
  }

  static String refused(JarPluginInfo j) {
    return "refused plugin, location: " + j.fileName() + ", error: "
        + oneLine(j.errorText().orElse("(no reason given)"));
  }

  static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  private static String json(JarPluginInfo j) {
    try {
      return Json.MAPPER.writeValueAsString(new TreeMap<>(j.attributes()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
