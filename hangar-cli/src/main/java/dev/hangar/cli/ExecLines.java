package dev.hangar.cli;

import dev.hangar.PluginInfo;
import dev.hangar.exec.ExecDomain;

/**
 * The lines {@code plugin validate} prints for an exec plugin: {@code exec plugin <domain>,
 * location: <file>:<line>, path: <executable>, exports: [...]} for an accepted declaration,
 * {@code refused exec plugin <domain or file>, location: <file>, error: <file:line: key: why>}
 * for a refused one.
 */
final class ExecLines {
  private ExecLines() {}

  static String accepted(ExecDomain d) {
    return "exec plugin " + d.name() + ", location: " + d.source().getFileName() + ":" + d.line()
        + ", path: " + d.path() + ", exports: " + d.exports();
  }

  static String refused(PluginInfo p) {
    return "refused exec plugin " + p.name() + ", location: " + p.source().getFileName()
        + ", error: " + JarLines.oneLine(p.errorText().orElse("(no reason given)"));
  }
}
