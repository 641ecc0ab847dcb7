package dev.hangar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The parser of {@code hangar plugin ls}, the command operators and scripts run in loops, of
 * {@code hangar --version} (scripts check it), and of the plain forms of {@code plugin install}
 * and {@code plugin push}, whose time is mostly the transfer and should not also be the JVM's:
 * it builds the command objects picocli would build, without picocli's model of every command
 * (150 to 250 ms of a cold JVM's start, most of the command's time; see bench/README.md).
 *
 * <p>It accepts a strict subset of picocli's grammar: {@code --version} or {@code -V} alone;
 * {@code plugin ls} (or {@code list}), {@code plugin push NAME} and {@code plugin install REF},
 * with the global options that take a path, an address or nothing, before or after any word, as
 * {@code --opt VALUE} or {@code --opt=VALUE}; after {@code ls}, {@code --format table|json};
 * after {@code install}, {@code --grant-all-permissions}, {@code --disable} and
 * {@code --alias NAME}. Anything else (help, a version option with other words, an unknown or
 * repeated option, a value or a word that starts with {@code -} or {@code @} or is empty, a
 * duration, {@code --}, install's settings or a second word, push's {@code --jar} and friends)
 * declines, and picocli parses the command line as always, with its own errors and help.
 * {@code QuickArgsTest} runs command lines both ways and checks that the outputs (and, for
 * install and push, the commands built) are the same.
 */
final class QuickArgs {
  private final HangarCommand top;
  private boolean pluginSeen;
  private String sub;
  private final List<String> positionals = new ArrayList<>();
  private PluginLsCommand.Format format;
  private boolean grantAll;
  private boolean disable;
  private String alias;

  private QuickArgs(HangarCommand top) {
    this.top = top;
  }

  /**
   * The command {@code args} describe, with {@code top}'s fields set; empty when the command
   * line is not one this parser takes (then {@code top} may be half set: use another).
   */
  static Optional<Callable<Integer>> parse(String[] args, HangarCommand top) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return Optional.of(() -> {
        for (String line : new VersionProvider().getVersion()) {
          top.context().out().println(line);
        }
        return 0;
      });
    }
    QuickArgs q = new QuickArgs(top);
    return q.parse(args) ? Optional.of(q.command()) : Optional.empty();
  }

  private boolean parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-")) {
        if (!word(a)) {
          return false;
        }
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
          || !option(name, value)) {
        return false;
      }
    }
    return sub != null && positionals.size() == (sub.equals("ls") ? 0 : 1);
  }

  /** Takes a word that is no option: plugin, then the command, then its one parameter. */
  private boolean word(String w) {
    if (!pluginSeen) {
      pluginSeen = w.equals("plugin");
      return pluginSeen;
    }
    if (sub == null) {
      sub = switch (w) {
        case "ls", "list" -> "ls";
        case "push", "install" -> w;
        default -> null;
      };
      return sub != null;
    }
    if (sub.equals("ls") || !positionals.isEmpty() || w.isEmpty() || w.startsWith("@")) {
      return false;
    }
    positionals.add(w);
    return true;
  }

  private Callable<Integer> command() {
    PluginCommand plugin = new PluginCommand();
    plugin.top = top;
    switch (sub) {
      case "push" -> {
        PluginPushCommand push = new PluginPushCommand();
        push.parent = plugin;
        push.name = positionals.get(0);
        return push;
      }
      case "install" -> {
        PluginInstallCommand install = new PluginInstallCommand();
        install.parent = plugin;
        install.remote = positionals.get(0);
        install.grantAll = grantAll;
        install.disable = disable;
        install.alias = alias;
        return install;
      }
      default -> {
        PluginLsCommand ls = new PluginLsCommand();
        ls.parent = plugin;
        ls.format = format == null ? PluginLsCommand.Format.table : format;
        return ls;
      }
    }
  }

  private static boolean isFlag(String name) {
    return switch (name) {
      case "--docker-dirs", "--exec-process-groups", "--tlsverify", "--debug",
          "--grant-all-permissions", "--disable" -> true;
      default -> false;
    };
  }

  /**
   * Sets a flag; false when it was set already (picocli refuses that), or when it is install's
   * and not after the word install.
   */
  private boolean flag(String name) {
    boolean was;
    switch (name) {
      case "--grant-all-permissions" -> {
        was = grantAll || !"install".equals(sub);
        grantAll = true;
      }
      case "--disable" -> {
        was = disable || !"install".equals(sub);
        disable = true;
      }
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
  private boolean option(String name, String value) {
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
        if (!"ls".equals(sub) || format != null) {
          return false;
        }
        switch (value) {
          case "table" -> format = PluginLsCommand.Format.table;
          case "json" -> format = PluginLsCommand.Format.json;
          default -> {
            return false;
          }
        }
        return true;
      }
      case "--alias" -> {
        // install's, after the word install only
        if (!"install".equals(sub) || alias != null) {
          return false;
        }
        alias = value;
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
