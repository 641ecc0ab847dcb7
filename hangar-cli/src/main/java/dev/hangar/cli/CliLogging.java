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
 * <p>Replaces the root logger's handlers (the JDK's two-line console format) for one command and
 * restores them afterwards, so the CLI can run in-process in tests.
 */
final class CliLogging implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Handler[] saved;
  private final Level savedLevel;
  private final Handler handler;

  private CliLogging(PrintStream err, boolean debug) {
    saved = root.getHandlers();
    savedLevel = root.getLevel();
    for (Handler h : saved) {
      root.removeHandler(h);
    }
    handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (!isLoggable(r)) {
          return;
        }
        synchronized (err) {
          err.println(label(r.getLevel()) + ": " + getFormatter().formatMessage(r));
          if (debug && r.getThrown() != null) {
            r.getThrown().printStackTrace(err);
          }
          err.flush();
        }
      }

      @Override
      public void flush() {
        err.flush();
      }

      @Override
      public void close() {}
    };
    handler.setFormatter(new SimpleFormatter());
    Level level = debug ? Level.ALL : Level.WARNING;
    handler.setLevel(level);
    root.setLevel(level);
    root.addHandler(handler);
  }

  /** Installs the CLI's handler until {@link #close}. */
  static CliLogging install(PrintStream err, boolean debug) {
    return new CliLogging(err, debug);
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
    root.removeHandler(handler);
    for (Handler h : saved) {
      root.addHandler(h);
    }
    root.setLevel(savedLevel);
  }
}
