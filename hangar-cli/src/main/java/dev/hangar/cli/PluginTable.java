package dev.hangar.cli;

import dev.hangar.JarPluginInfo;
import dev.hangar.PluginInfo;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The table form of {@code plugin ls}: aligned columns, the error last so it may run long. */
final class PluginTable {
  private static final String[] HEADERS =
      {"NAME", "KIND", "ADDRESS", "IMPLEMENTS", "STATE", "ERROR"};

  private PluginTable() {}

  static void write(PrintStream out, List<PluginInfo> plugins) {
    write(out, plugins, List.of());
  }

  static void write(PrintStream out, List<PluginInfo> plugins, List<JarPluginInfo> jars) {
    write(out, plugins, jars, List.of());
  }

  static void write(PrintStream out, List<PluginInfo> plugins, List<JarPluginInfo> jars,
      List<ManagedEntry> managed) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (PluginInfo p : plugins) {
      rows.add(new String[] {
          p.name(), p.kind(), p.address() == null ? "-" : p.address(),
          p.implementsList().isEmpty() ? "-" : String.join(",", p.implementsList()),
          p.state().label(), p.error() == null ? "" : oneLine(p.error())});
    }
    for (JarPluginInfo j : jars) {
      rows.add(new String[] {
          PluginJson.jarName(j), "jar", j.file().toString(), j.type().isEmpty() ? "-" : j.type(),
          j.state().label(), j.error() == null ? "" : oneLine(j.error())});
    }
    for (ManagedEntry m : managed) {
      rows.add(new String[] {
          m.name(), "managed", m.socket() == null ? "-" : "unix://" + m.socket(),
          m.types().isEmpty() ? "-" : String.join(",", m.types()), m.state(),
          m.failure() == null ? "" : oneLine(m.failure())});
    }
    int[] widths = new int[HEADERS.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      sb.setLength(0);
      for (int i = 0; i < r.length; i++) {
        sb.append(r[i]);
        if (i < r.length - 1) {
          sb.append(" ".repeat(widths[i] - r[i].length() + 3));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
