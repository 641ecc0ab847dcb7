package dev.hangar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.hangar.PluginHost;
import dev.hangar.PluginState;
import dev.hangar.exec.ExecResult;
import dev.hangar.internal.discovery.PluginNames;
import dev.hangar.internal.jarcall.JarMethodCall;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin call NAME METHOD [ARGS]}: one call, the reply on stdout.
 *
 * <p>When NAME is a domain declared in the exec dirs, the call runs that exec plugin
 * ({@code NAME.METHOD}) and prints its result: a JSON result (level 20) as compact JSON and a
 * newline, a text result (levels 21-23, 30) as written (a newline added when it has none), no
 * result as nothing. {@code TYPE/NAME} (or {@code --kind jar}) calls a JAR plugin's interface
 * method (see {@link JarMethodCall}). Otherwise NAME is a socket plugin and the reply body is
 * printed as received. A name that is both a socket and an exec plugin fails as ambiguous
 * (exit 2) unless
 * {@code --kind} picks one.
 *
 * <p>When a daemon answers, socket, exec and JAR plugins are called through its relay (so that
 * it counts them), unless the command names directories of its own.
 *
 * <p>Before all of these, NAME may be a managed plugin of the daemon: its ID or name (with or
 * without {@code :latest}; it may hold {@code /} and {@code :}), or an ID prefix no socket or
 * exec plugin is named. The call then goes through the daemon's relay, and the plugin's reply
 * body is printed as received, as for a socket plugin.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = {"Call a plugin method and print the reply: a socket plugin's reply body, an "
        + "exec plugin's result (JSON compact on one line, text as written), or a JAR plugin's "
        + "result as JSON.",
        "NAME is a managed plugin of the daemon when it is its name (e.g. vieux/sshfs:latest) or "
            + "ID; else an exec plugin when a .plugin.toml in the exec dirs declares it, else a "
            + "socket plugin; --kind picks one when it is both. TYPE/NAME (or --kind jar) is a JAR "
            + "plugin: METHOD is a method of an interface it implements (e.g. apply), ARGS a JSON "
            + "array of its arguments (or one value for one argument).",
        "Exit status 0 on success, 1 when the plugin or the transport fails, 2 for a usage error."})
final class PluginCallCommand implements Callable<Integer> {
  /** The most read from standard input for ARGS. */
  static final int MAX_STDIN_ARGS = 16 << 20;

  /** How much longer than a relayed call's limit the CLI waits for the daemon's answer. */
  static final Duration RELAY_GRACE = Duration.ofSeconds(5);

  @ParentCommand PluginCommand parent;

  @Parameters(index = "0", paramLabel = "NAME",
      description = "The plugin's name (an exec plugin's domain, e.g. ovs; a JAR plugin's "
          + "TYPE/NAME, e.g. hasher/sha).")
  String name;

  @Parameters(index = "1", paramLabel = "METHOD",
      description = "The wire method, e.g. VolumeDriver.List, the exec plugin's exported "
          + "method, e.g. version, or the JAR plugin's interface method, e.g. apply.")
  String method;

  @Parameters(index = "2", arity = "0..1", paramLabel = "ARGS",
      description = "The arguments as a JSON text, '-' to read them from standard input, "
          + "or absent for an empty body (an exec plugin then gets {}).")
  String args;

  @Option(names = "--kind", paramLabel = "KIND",
      description = "socket, exec, jar or managed: socket or exec when NAME is both; jar to "
          + "call a JAR plugin by its name alone; managed for the daemon's plugin only.")
  PluginLookup.Kind kind;

  @Override
  public Integer call() throws IOException {
    HangarCommand top = parent.top;
    RawValue body = parseArgs(top.context());
    Duration limit = top.timeout != null ? top.timeout : ClientConfig.DEFAULT.callTimeout();
    // the daemon's call gives up at the limit; its answer saying so must arrive before ours
    try (DaemonLink daemon = DaemonLink.of(top, limit.plus(RELAY_GRACE))) {
      ManagedMatch managed = kind == null || kind == PluginLookup.Kind.managed
          ? ManagedMatch.find(daemon, name) : ManagedMatch.NONE;
      if (kind == PluginLookup.Kind.managed || managed.exact()
          || managed.any() && !otherKindHas(top)) {
        byte[] reply = daemon.client().call(managed.require(name).id(), method, bytes(body),
            Optional.ofNullable(top.timeout));
        top.context().out().write(reply);
        top.context().out().flush();
        return 0;
      }
      return callOther(top, body, daemon);
    }
  }

  /**
   * Whether NAME, which a managed plugin's ID starts with, is also a plugin of another kind (an
   * ID prefix has no {@code /}, so only socket and exec plugins are looked for).
   */
  private boolean otherKindHas(HangarCommand top) {
    if (kind != null || name.contains("/") || !PluginNames.isValid(name)) {
      return false;
    }
    try (PluginHost host = HostFactory.open(top)) {
      return host.execs().infos().stream().anyMatch(p -> p.name().equals(name))
          || host.find(name).isPresent();
    }
  }

  private Integer callOther(HangarCommand top, RawValue body, DaemonLink daemon)
      throws IOException {
    PluginLookup.Target jar = kind == PluginLookup.Kind.jar || name.contains("/")
        ? PluginLookup.Target.parse(name, kind) : null;
    if (jar != null && relaysJarToDaemon(top)) {
      Optional<Optional<String>> relayed = daemon.ifReachable(c -> c.callJar(
          jar.type() == null ? jar.name() : jar.type() + "/" + jar.name(), method, bytes(body),
          Optional.ofNullable(top.timeout)));
      if (relayed.isPresent()) {
        relayed.get().ifPresent(top.context().out()::println);
        top.context().out().flush();
        return 0;
      }
    }
    try (PluginHost host = HostFactory.open(top)) {
      if (jar != null) {
        PluginLookup.Target t = jar.type() != null ? jar : resolve(host, jar);
        String result = JarMethodCall.call(host, t.type(), t.name(), method,
            body == null ? null : (String) body.rawValue(),
            top.timeout != null ? top.timeout : ClientConfig.DEFAULT.callTimeout());
        if (result != null) {
          top.context().out().println(result);
          top.context().out().flush();
        }
        return 0;
      }
      if (isExec(host)) {
        Optional<ExecResult> relayed = relaysExecToDaemon(top)
            ? daemon.ifReachable(c -> c.callExec(name, method, bytes(body))) : Optional.empty();
        ExecOutput.print(top.context().out(), relayed.isPresent() ? relayed.get()
            : host.exec(name + "." + method, body == null ? null : (String) body.rawValue()));
        return 0;
      }
      byte[] reply;
      try {
        Optional<byte[]> relayed = relaysToDaemon(top)
            ? daemon.ifReachable(c -> c.call(name, method, bytes(body),
                Optional.ofNullable(top.timeout))) : Optional.empty();
        reply = relayed.isPresent() ? relayed.get()
            : host.activate(name).client().callRaw(method, body, CallOptions.DEFAULT);
      } catch (PluginNotFoundException e) {
        throw withUnreadDeclarations(host, e);
      }
      top.context().out().write(reply);
      top.context().out().flush();
    }
    return 0;
  }

  /** The one JAR plugin of that name, found as {@code plugin inspect} finds it. */
  private static PluginLookup.Target resolve(PluginHost host, PluginLookup.Target t) {
    List<PluginLookup.Match> matches = new PluginLookup(host, PluginLookup.Kind.jar).find(t);
    if (matches.size() > 1) {
      throw PluginLookup.ambiguous(t.name(), matches);
    }
    return matches.get(0).target();
  }

  /** ARGS as the relay's request body: the text as typed, empty for none. */
  private static byte[] bytes(RawValue body) {
    return body == null ? new byte[0]
        : ((String) body.rawValue()).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether a socket plugin's call goes through the daemon, when one answers: unless the
   * command names directories of its own (the daemon searches its root's), so that the daemon
   * counts it in its metrics and events.
   */
  private static boolean relaysToDaemon(HangarCommand top) {
    return top.socketDirs.isEmpty() && top.specDirs.isEmpty() && !top.dockerDirs
        && top.retry == null;
  }

  /**
   * Whether an exec plugin's call goes through the daemon, when one answers: unless the command
   * names exec dirs or exec settings of its own (the daemon runs its root's with its settings).
   */
  private static boolean relaysExecToDaemon(HangarCommand top) {
    return top.execDirs.isEmpty() && !top.execProcessGroups;
  }

  /**
   * Whether a JAR plugin's call goes through the daemon, when one answers: unless the command
   * names plugin dirs or an init timeout of its own (the daemon loads its root's plugins).
   */
  private static boolean relaysJarToDaemon(HangarCommand top) {
    return top.pluginDirs.isEmpty() && top.initTimeout == null;
  }

  /**
   * A socket plugin not found may be an exec plugin whose file could not be read (a TOML syntax
   * error names no domain): say so.
   */
  private PluginNotFoundException withUnreadDeclarations(PluginHost host,
      PluginNotFoundException e) {
    List<String> unread = host.execs().infos().stream()
        .filter(p -> p.state() == PluginState.FAILED && !p.name().equals(name)
            && p.name().endsWith(".toml"))
        .map(p -> p.errorText().orElse(String.valueOf(p.source()))).toList();
    if (unread.isEmpty()) {
      return e;
    }
    PluginNotFoundException more = new PluginNotFoundException(name, e.getMessage()
        + " (if it is an exec plugin: these declaration files could not be read: "
        + String.join("; ", unread) + ")");
    more.addSuppressed(e);
    return more;
  }

  /** Whether NAME is called as an exec plugin: declared (even refused), or --kind exec. */
  private boolean isExec(PluginHost host) {
    if (kind == PluginLookup.Kind.exec) {
      if (name.contains(".")) {
        throw new HangarException(ErrorCode.USAGE, "an exec plugin's domain has no dot: " + name);
      }
      return true;
    }
    if (kind == PluginLookup.Kind.socket || name.contains(".")) {
      return false;
    }
    boolean declared = host.execs().infos().stream().anyMatch(p -> p.name().equals(name));
    if (declared) {
      host.find(name).ifPresent(socket -> {
        throw new HangarException(ErrorCode.USAGE, "plugin " + name + " is ambiguous: it is "
            + "both a socket plugin (" + socket.source() + ") and an exec plugin; pick one with "
            + "--kind socket or --kind exec");
      });
    }
    return declared;
  }

  /**
   * Reads ARGS and checks that it is one JSON value. The text itself is sent, unchanged, so that
   * numbers and key order reach the plugin exactly as typed.
   */
  private RawValue parseArgs(CliContext context) throws IOException {
    if (args == null) {
      return null;
    }
    String text;
    String where;
    if (args.equals("-")) {
      byte[] bytes = context.in().readNBytes(MAX_STDIN_ARGS + 1);
      if (bytes.length > MAX_STDIN_ARGS) {
        throw new HangarException(ErrorCode.USAGE,
            "ARGS from standard input exceed " + (MAX_STDIN_ARGS >> 20) + " MiB");
      }
      text = new String(bytes, StandardCharsets.UTF_8);
      where = "standard input";
    } else {
      text = args;
      where = "ARGS";
    }
    if (text.isBlank()) {
      return null;
    }
    try {
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
      return new RawValue(text.strip());
    } catch (JsonProcessingException e) {
      throw new HangarException(ErrorCode.USAGE,
          where + " is not valid JSON: " + Json.problem(e), e);
    }
  }
}
