package dev.hangar.cli;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Log records (e.g. what exec plugins write at levels other than their result) on the CLI's
 * standard error, one line each: {@code warning: exec plugin ovs.version: disk almost full}.
 * Warnings and errors are shown; with {@code --debug}, every record and its stack trace.
 *
 * <p>In the {@code hangar} process ({@link #deferToFirstUse}, called by {@link Main#main}
 * first), {@code java.util.logging} is configured by {@link Config} when something first logs:
 * starting it costs 15 ms or more of a command that logs nothing, such as {@code plugin ls}.
 * In-process (tests), {@link #install} replaces the root logger's handlers for one command and
 * restores them afterwards.
 */
final class CliLogging implements AutoCloseable {
  /** Where records go while a command runs: its standard error, and whether {@code --debug}. */
  private record Sink(PrintStream err, boolean debug) {}

  private static volatile Sink current;
  private static volatile boolean deferred;
  private static volatile boolean configured;

  private final Sink previous;
  private final Logger root;
  private final Handler[] saved;
  private final Level savedLevel;
  private final Handler handler;

  private CliLogging(PrintStream err, boolean debug) {
    previous = current;
    current = new Sink(err, debug);
    if (deferred && !configured) {
      root = null;
      saved = null;
      savedLevel = null;
      handler = null;
      return;
    }
    root = Logger.getLogger("");
    saved = root.getHandlers();
    savedLevel = root.getLevel();
    for (Handler h : saved) {
      root.removeHandler(h);
    }
    handler = new CliHandler();
    root.setLevel(level());
    root.addHandler(handler);
  }

  /**
   * Leaves {@code java.util.logging} unstarted until a logger is used, then configured by
   * {@link Config}. Call before anything logs; later commands of the process install as usual.
   */
  static void deferToFirstUse() {
    if (System.getProperty("java.util.logging.config.class") == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty("java.util.logging.config.class", Config.class.getName());
      deferred = true;
    }
  }

  /** Installs the CLI's handler until {@link #close}. */
  static CliLogging install(PrintStream err, boolean debug) {
    return new CliLogging(err, debug);
  }

  private static Level level() {
    Sink s = current;
    return s != null && s.debug() ? Level.ALL : Level.WARNING;
  }

  static String label(Level l) {
    if (l.intValue() >= Level.SEVERE.intValue()) {
      return "error";
    } else if (l.intValue() >= Level.WARNING.intValue()) {
      return "warning";
    } else if (l.intValue() >= Level.INFO.intValue()) {
      return "info";
    }
    return "debug";
  }

  @Override
  public void close() {
    current = previous;
    if (root == null) {
      return;
    }
    root.removeHandler(handler);
    for (Handler h : saved) {
      root.addHandler(h);
    }
    root.setLevel(savedLevel);
  }

  /**
   * The configuration {@code java.util.logging} runs when it starts, after
   * {@link #deferToFirstUse}: the CLI's handler on the root logger, for the rest of the process.
   */
  public static final class Config {
    /** Called by {@link java.util.logging.LogManager} (by name) when it starts. */
    public Config() {
      Logger root = Logger.getLogger("");
      for (Handler h : root.getHandlers()) {
        root.removeHandler(h);
      }
      root.setLevel(level());
      root.addHandler(new CliHandler());
      configured = true;
    }
  }

  /** One line per record on the current command's standard error. */
  private static final class CliHandler extends Handler {
    CliHandler() {
      setFormatter(new SimpleFormatter());
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord r) {
      Sink s = current;
      if (s == null || (!s.debug() && r.getLevel().intValue() < Level.WARNING.intValue())) {
        return;
      }
      synchronized (s.err()) {
        s.err().println(label(r.getLevel()) + ": " + getFormatter().formatMessage(r));
        if (s.debug() && r.getThrown() != null) {
          r.getThrown().printStackTrace(s.err());
        }
        s.err().flush();
      }
    }

    @Override
    public void flush() {
      Sink s = current;
      if (s != null) {
        s.err().flush();
      }
    }

    @Override
    public void close() {}
  }
}
