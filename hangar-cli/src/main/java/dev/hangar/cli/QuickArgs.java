package dev.hangar.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The parser of {@code hangar plugin ls}, the command operators and scripts run in loops: it
 * builds the command objects picocli would build, without picocli's model of every command
 * (150 to 250 ms of a cold JVM's start, most of the command's time; see bench/README.md).
 *
 * <p>It accepts a strict subset of picocli's grammar: {@code plugin ls} (or {@code list}) with
 * the global options that take a path, an address or nothing, before or after either word, as
 * {@code --opt VALUE} or {@code --opt=VALUE}, and {@code --format table|json}. Anything else
 * (help, version, an unknown or repeated option, a value that starts with {@code -} or is
 * empty, a duration, {@code --}, an {@code @file}, an extra word) declines, and picocli parses
 * the command line as always, with its own errors and help. {@code QuickArgsTest} runs command
 * lines both ways and checks that the outputs are the same.
 */
final class QuickArgs {
  private final HangarCommand top;
  private final PluginLsCommand ls = new PluginLsCommand();
  private boolean formatSeen;

  private QuickArgs(HangarCommand top) {
    this.top = top;
  }

  /**
   * The {@code ls} command {@code args} describe, with {@code top}'s fields set; empty when the
   * command line is not one this parser takes (then {@code top} may be half set: use another).
   */
  static Optional<Callable<Integer>> parse(String[] args, HangarCommand top) {
    QuickArgs q = new QuickArgs(top);
    return q.parse(args) ? Optional.of(q.ls) : Optional.empty();
  }

  private boolean parse(String[] args) {
    int words = 0;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-")) {
        boolean expected = words == 0 ? a.equals("plugin") : words == 1 && isLs(a);
        if (!expected) {
          return false;
        }
        words++;
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      if (isFlag(name)) {
        if (eq >= 0 || !flag(name)) {
          return false;
        }
        continue;
      }
      String value;
      if (eq >= 0) {
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return false;
      }
      if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")
          || !option(name, value, words)) {
        return false;
      }
    }
    if (words != 2) {
      return false;
    }
    PluginCommand plugin = new PluginCommand();
    plugin.top = top;
    ls.parent = plugin;
    if (!formatSeen) {
      ls.format = PluginLsCommand.Format.table;
    }
    return true;
  }

  private static boolean isLs(String word) {
    return word.equals("ls") || word.equals("list");
  }

  private static boolean isFlag(String name) {
    return switch (name) {
      case "--docker-dirs", "--exec-process-groups", "--tlsverify", "--debug" -> true;
      default -> false;
    };
  }

  /** Sets a flag; false when it was set already (picocli refuses that). */
  private boolean flag(String name) {
    boolean was;
    switch (name) {
      case "--docker-dirs" -> {
        was = top.dockerDirs;
        top.dockerDirs = true;
      }
      case "--exec-process-groups" -> {
        was = top.execProcessGroups;
        top.execProcessGroups = true;
      }
      case "--tlsverify" -> {
        was = top.tlsVerify;
        top.tlsVerify = true;
      }
      default -> {
        was = top.debug;
        top.debug = true;
      }
    }
    return !was;
  }

  /** Sets an option with a value; false for an option this parser does not take. */
  private boolean option(String name, String value, int words) {
    switch (name) {
      case "--root" -> {
        return top.root == null && (top.root = path(value)) != null;
      }
      case "--tlscacert" -> {
        return top.tlsCaCert == null && (top.tlsCaCert = path(value)) != null;
      }
      case "--tlscert" -> {
        return top.tlsCert == null && (top.tlsCert = path(value)) != null;
      }
      case "--tlskey" -> {
        return top.tlsKey == null && (top.tlsKey = path(value)) != null;
      }
      case "--socket-dir" -> {
        return add(top.socketDirs, value);
      }
      case "--spec-dir" -> {
        return add(top.specDirs, value);
      }
      case "--plugin-dir" -> {
        return add(top.pluginDirs, value);
      }
      case "--exec-dir" -> {
        return add(top.execDirs, value);
      }
      case "-H", "--host" -> {
        return top.hosts.add(value);
      }
      case "--format" -> {
        // an option of ls: picocli takes it after the word ls only
        if (words != 2 || formatSeen) {
          return false;
        }
        formatSeen = true;
        switch (value) {
          case "table" -> ls.format = PluginLsCommand.Format.table;
          case "json" -> ls.format = PluginLsCommand.Format.json;
          default -> {
            return false;
          }
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private static boolean add(List<Path> into, String value) {
    Path p = path(value);
    return p != null && into.add(p);
  }

  /** The path picocli's converter would make, or null where it could fail. */
  private static Path path(String value) {
    try {
      return Path.of(value);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
