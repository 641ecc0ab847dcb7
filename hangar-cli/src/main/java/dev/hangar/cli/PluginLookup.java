package dev.hangar.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.DiscoveryDirs;
import dev.hangar.JarPluginInfo;
import dev.hangar.PluginHost;
import dev.hangar.PluginInfo;
import dev.hangar.internal.discovery.PluginNames;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds every plugin a name designates, across kinds (socket, JAR, exec), for
 * {@code plugin inspect}. JAR plugins
 * are loaded only when a file in the plugin dirs could hold the name, so inspecting a socket
 * plugin does not run JAR plugin code needlessly.
 */
final class PluginLookup {
  /** The kinds of plugin, as {@code --kind} spells them. */
  enum Kind {
    socket, jar, exec, managed;

    static String names() {
      return Arrays.stream(values()).map(Kind::name).collect(Collectors.joining(", "));
    }
  }

  /** What to look for: a name, and for a JAR plugin optionally its type. */
  record Target(String type, String name) {
    /**
     * A command line's NAME: {@code TYPE/NAME} for a JAR plugin (both parts valid plugin
     * names, and only with {@code --kind jar} or none), else a name alone.
     *
     * @throws HangarException INVALID_PLUGIN_NAME for a bad part, USAGE for TYPE/NAME with
     *     another kind
     */
    static Target parse(String arg, Kind kind) {
      int slash = arg.indexOf('/');
      if (slash < 0) {
        return new Target(null, arg);
      }
      String type = arg.substring(0, slash);
      String n = arg.substring(slash + 1);
      if (!PluginNames.isValid(type) || !PluginNames.isValid(n)) {
        PluginNames.validate(arg); // throws INVALID_PLUGIN_NAME naming the whole argument
      }
      if (kind != null && kind != Kind.jar) {
        throw new HangarException(ErrorCode.USAGE, "TYPE/NAME names a JAR plugin, so " + arg
            + " cannot be used with --kind " + kind);
      }
      return new Target(type, n);
    }
  }

  /**
   * One plugin found: its kind, a line naming it and where it is, its JSON (lazily), and what
   * it is called by (for a JAR plugin, its type and name).
   */
  record Match(Kind kind, String describe, Supplier<ObjectNode> json, Target target) {}

  /** The usage error for a NAME that designates several plugins. */
  static HangarException ambiguous(String arg, List<Match> matches) {
    StringBuilder sb = new StringBuilder("plugin " + arg + " is ambiguous: it names "
        + matches.size() + " plugins:");
    matches.forEach(m -> sb.append("\n  ").append(m.describe()));
    sb.append("\npick one with --kind (").append(Kind.names())
        .append(") or, for a JAR plugin, TYPE/NAME");
    return new HangarException(ErrorCode.USAGE, sb.toString());
  }

  private final PluginHost host;
  private final Kind only;

  PluginLookup(PluginHost host, Kind only) {
    this.host = host;
    this.only = only;
  }

  /**
   * Every plugin {@code t} designates, in the order socket, JAR, exec.
   *
   * @return at least one match
   * @throws PluginNotFoundException when there is none
   */
  List<Match> find(Target t) {
    List<Match> out = new ArrayList<>();
    HangarException invalid = null;
    if (t.type() == null && wants(Kind.socket)) {
      try {
        host.find(t.name()).ifPresent(d -> out.add(new Match(Kind.socket,
            "socket plugin " + d.name() + " (" + d.source() + ")",
            () -> PluginJson.object(host.inspect(d.name())), new Target(null, d.name()))));
      } catch (HangarException e) {
        if (e.code() != ErrorCode.INVALID_PLUGIN_NAME || only != null) {
          throw e;
        }
        invalid = e; // maybe a JAR or exec plugin's name; reported if nothing else matches
      }
    }
    if (wants(Kind.jar) && jarCandidate(t)) {
      for (JarPluginInfo j : host.jarPlugins()) {
        boolean hit = t.type() == null ? PluginJson.jarName(j).equals(t.name())
            : j.type().equals(t.type()) && j.name().equals(t.name());
        if (hit) {
          out.add(new Match(Kind.jar, "jar plugin " + (j.type().isEmpty() ? "" : j.type() + "/")
              + PluginJson.jarName(j) + " (" + j.file() + ")", () -> PluginJson.jarObject(j),
              new Target(j.type(), PluginJson.jarName(j))));
        }
      }
    }
    if (t.type() == null && wants(Kind.exec)) {
      List<PluginInfo> found = host.execs().infos().stream()
          .filter(p -> p.name().equals(t.name())).toList();
      if (!found.isEmpty()) {
        // a domain declared twice is refused in both files: one plugin, every problem
        PluginInfo p = found.size() == 1 ? found.get(0) : new PluginInfo(t.name(), PluginInfo.EXEC,
            null, List.of(), found.get(0).state(), String.join("; ",
                found.stream().map(i -> i.errorText().orElse("")).toList()), found.get(0).source());
        out.add(new Match(Kind.exec, "exec plugin " + p.name() + " (" + p.source() + ")",
            () -> PluginJson.execObject(p, host.execs().find(p.name())
                .filter(d -> d.source().equals(p.source()))), new Target(null, p.name())));
      }
    }
    if (out.isEmpty()) {
      if (invalid != null) {
        throw invalid;
      }
      throw notFound(t);
    }
    return out;
  }

  private boolean wants(Kind k) {
    return only == null || only == k;
  }

  /** Whether a JAR in the plugin dirs could be named {@code t} (by its file name alone). */
  private boolean jarCandidate(Target t) {
    String suffix = (t.type() == null ? "" : "-" + t.type()) + "-plugin-" + t.name() + ".jar";
    for (Path d : host.pluginDirs()) {
      try (Stream<Path> s = Files.list(d)) {
        if (s.map(p -> p.getFileName().toString())
            .anyMatch(f -> f.endsWith(suffix) || (t.type() == null && f.equals(t.name())))) {
          return true;
        }
      } catch (IOException e) {
        // a missing or unreadable dir holds no candidate
      }
    }
    return false;
  }

  private PluginNotFoundException notFound(Target t) {
    List<String> where = new ArrayList<>();
    DiscoveryDirs dirs = host.dirs();
    if (t.type() == null && wants(Kind.socket)) {
      where.add("no socket in " + dirs.socketDirs());
      where.add("no .spec or .json file in " + dirs.specDirs());
    }
    if (wants(Kind.jar)) {
      where.add("no JAR plugin in " + host.pluginDirs());
    }
    if (t.type() == null && wants(Kind.exec)) {
      where.add("no exec plugin declared in " + host.execs().dirs()
          + (host.execs().bundleDirs().isEmpty() ? ""
              : " nor installed in " + host.execs().bundleDirs()));
    }
    String shown = t.type() == null ? t.name() : t.type() + "/" + t.name();
    return new PluginNotFoundException(shown, "plugin " + shown + " not found: "
        + String.join("; ", where));
  }
}
