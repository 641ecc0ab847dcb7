package dev.hangar.exec.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An exec plugin: method names mapped to handlers, run the way Hangar and core0 call a plugin.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   ExecPlugin.builder()
 *       .name("ovs")
 *       .method("version", call -> "1.0alpha")
 *       .method("bridge-add", BridgeAdd.class, (bridge, log) -> bridges.add(bridge))
 *       .build()
 *       .main(args);
 * }
 * }</pre>
 *
 * <p>The contract, exactly as core0's Go helper library: {@code args[0]} is the method and {@code
 * args[1]} the JSON arguments (used only when there are exactly two arguments). The result is
 * written on stdout as {@code 20:::} + JSON + newline + {@code :::} (no final newline) and the
 * exit status is {@value #EXIT_OK}. A failure (no method, an unknown one, arguments the handler
 * reads that are not JSON, an exception from the handler, a result that cannot be written as
 * JSON) writes its text as
 * a JSON string in the same framing and exits {@value #EXIT_ERROR}; unknown methods give {@code
 * unknown command: NAME} and no method {@code missing command}, as core0. One addition: run by
 * hand from a terminal with no arguments (or only {@code -h}/{@code --help}), it prints a usage
 * message on stderr and exits {@value #EXIT_USAGE}. No stack trace ever reaches stdout.
 *
 * <p>Immutable and thread-safe; {@link #run} may be called repeatedly (tests do).
 */
public final class ExecPlugin {
  /** Exit status of a successful call. */
  public static final int EXIT_OK = 0;
  /** Exit status of a failed call (core0's library uses 1 for every failure). */
  public static final int EXIT_ERROR = 1;
  /** Exit status after the usage message (run by hand without a method). */
  public static final int EXIT_USAGE = 2;

  private final String name;
  private final Map<String, Handler> methods;
  private final Supplier<ObjectMapper> mapper;

  private ExecPlugin(Builder b) {
    this.name = b.name;
    this.methods = Collections.unmodifiableMap(new LinkedHashMap<>(b.methods));
    this.mapper = b.mapper;
  }

  /** Starts a plugin definition. */
  public static Builder builder() {
    return new Builder();
  }

  /** The method names, in the order they were added. */
  public Set<String> methods() {
    return methods.keySet();
  }

  /**
   * Runs the call given by the command line on the real stdout and stderr, then exits the JVM
   * with the call's status. Call it from {@code main}; it never returns.
   *
   * @param args the program's arguments: method, then optionally the JSON arguments
   */
  public void main(String[] args) {
    TrackingOutputStream out = new TrackingOutputStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    System.setOut(stdout);
    // Asked only when it matters: System.console() costs start-up time on recent JDKs.
    boolean interactive = (args.length == 0 || isHelp(args)) && Terminal.interactive();
    int status = run(args, out, System.err, interactive);
    stdout.flush();
    System.err.flush();
    System.exit(status);
  }

  /**
   * Runs one call on the given streams and returns the exit status instead of exiting: what
   * {@link #main} does, for tests and for embedding.
   *
   * @param args        the program's arguments
   * @param stdout      where the framed messages and the result go (flushed, not closed)
   * @param stderr      where the usage message and stack traces of unexpected exceptions go
   * @param interactive whether a person runs the program from a terminal
   * @return {@value #EXIT_OK}, {@value #EXIT_ERROR} or {@value #EXIT_USAGE}
   */
  public int run(String[] args, OutputStream stdout, PrintStream stderr, boolean interactive) {
    Objects.requireNonNull(args, "args");
    TrackingOutputStream out = stdout instanceof TrackingOutputStream t ? t
        : new TrackingOutputStream(stdout);
    try {
      return call(args, out, stderr, interactive);
    } catch (IOException e) {
      stderr.println(name + ": cannot write the result to stdout: " + e.getMessage());
      return EXIT_ERROR;
    }
  }

  private int call(String[] args, TrackingOutputStream out, PrintStream stderr,
      boolean interactive) throws IOException {
    if (interactive && (args.length == 0 || isHelp(args))) {
      stderr.print(usage());
      stderr.flush();
      return EXIT_USAGE;
    }
    if (args.length == 0) {
      return fail(out, "missing command");
    }
    String method = args[0];
    Handler handler = methods.get(method);
    if (handler == null) {
      return fail(out, "unknown command: " + method);
    }
    // core0's library hands the handler argv[2] only when there are exactly two arguments.
    String input = args.length == 2 ? args[1] : null;
    JsonText json = new JsonText(mapper);
    Object result;
    try {
      result = handler.handle(new Call(method, input, new Log(out), json));
    } catch (Throwable t) {
      if (!(t instanceof ExecPluginException || t instanceof IllegalArgumentException)) {
        t.printStackTrace(stderr);
        stderr.flush();
      }
      return fail(out, t.getMessage() != null ? t.getMessage() : t.toString());
    }
    String text;
    try {
      text = json.write(result, method);
    } catch (ExecPluginException e) {
      return fail(out, e.getMessage());
    } catch (Throwable t) { // e.g. a getter that throws, or a cycle: Jackson does not wrap all
      t.printStackTrace(stderr);
      stderr.flush();
      return fail(out, "cannot write the result of " + method + " as JSON: " + t);
    }
    out.writeFrame(Frames.result(text));
    return EXIT_OK;
  }

  private boolean isHelp(String[] args) {
    return args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))
        && !methods.containsKey(args[0]);
  }

  private int fail(TrackingOutputStream out, String error) throws IOException {
    out.writeFrame(Frames.result(JsonText.quote(error)));
    return EXIT_ERROR;
  }

  /** The message shown when the plugin is run by hand without a method. */
  String usage() {
    return name + " is an exec plugin: Hangar (or core0) runs it once per call, as\n"
        + "\n    " + name + " METHOD 'JSON-ARGUMENTS'\n\n"
        + "and reads the result it writes on stdout (20:::JSON\\n:::). It is not meant to be run\n"
        + "by hand: declare it in a .plugin.toml and call it with\n"
        + "\n    hangar plugin call DOMAIN METHOD 'JSON-ARGUMENTS'\n\n"
        + "Methods: " + String.join(", ", methods.keySet()) + "\n";
  }

  /** Builds an {@link ExecPlugin}. Not thread-safe. */
  public static final class Builder {
    private String name = "this program";
    private final Map<String, Handler> methods = new LinkedHashMap<>();
    private Supplier<ObjectMapper> mapper; // null: Jackson.defaultMapper(), made when needed

    private Builder() {}

    /**
     * The program's name, shown in the usage message.
     *
     * @param name a short name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = requireText(name, "name");
      return this;
    }

    /**
     * Adds a method.
     *
     * @param method  the method name, as exported in the {@code .plugin.toml}
     * @param handler its implementation
     * @return this builder
     * @throws IllegalArgumentException when the name is blank or already added
     */
    public Builder method(String method, Handler handler) {
      requireText(method, "method name");
      Objects.requireNonNull(handler, "handler");
      if (methods.putIfAbsent(method, handler) != null) {
        throw new IllegalArgumentException("method added twice: " + method);
      }
      return this;
    }

    /**
     * Adds a method whose JSON arguments are bound to {@code type} first (see {@link
     * Call#args(Class)}: unknown properties are refused, with an error naming the method).
     *
     * @param method  the method name
     * @param type    the arguments' type, typically a record
     * @param handler its implementation
     * @param <T>     the arguments' type
     * @return this builder
     * @throws IllegalArgumentException when the name is blank or already added
     */
    public <T> Builder method(String method, Class<T> type, TypedHandler<T> handler) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(handler, "handler");
      return method(method, call -> handler.handle(call.args(type), call.log()));
    }

    /**
     * Adds every method of {@code handlers}, in the map's order.
     *
     * @param handlers method names to implementations
     * @return this builder
     * @throws IllegalArgumentException when a name is blank or already added
     */
    public Builder methods(Map<String, ? extends Handler> handlers) {
      handlers.forEach(this::method);
      return this;
    }

    /**
     * The Jackson mapper for arguments and results (default: a plain {@code ObjectMapper} that
     * refuses trailing content after the arguments' JSON value). It is created on first use in
     * each run, so that calls needing no JSON library (strings, numbers, errors) start faster.
     *
     * @param mapper makes a configured mapper, e.g. with extra modules
     * @return this builder
     */
    public Builder objectMapper(Supplier<ObjectMapper> mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /**
     * The plugin.
     *
     * @return an immutable plugin
     * @throws IllegalStateException when no method was added
     */
    public ExecPlugin build() {
      if (methods.isEmpty()) {
        throw new IllegalStateException("an exec plugin needs at least one method");
      }
      return new ExecPlugin(this);
    }

    private static String requireText(String s, String what) {
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return s;
    }
  }
}
