package dev.hangar.managed.internal.logs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Copies one output stream of a plugin's process, line by line, into its {@link PluginLog}, an
 * {@link OutputTail} and the daemon's log (java.util.logging logger {@value #LOGGER}: stdout at
 * INFO, stderr at WARNING, as {@code "[plugin <name> <id12>] <text>"} from the pattern
 * {@code "[plugin {0} {1}] {2}"} and those three parameters).
 */
public final class OutputPump {
  /** The logger plugin output goes to. */
  public static final String LOGGER = "dev.hangar.managed.plugin";
  private static final Logger PLUGIN_LOG = Logger.getLogger(LOGGER);
  private static final Logger LOG = Logger.getLogger(OutputPump.class.getName());

  private final String stream;
  private final PluginLog log;
  private final OutputTail tail;
  private final String name;
  private final String id12;
  private final Level level;
  private boolean reported;

  private OutputPump(String stream, PluginLog log, OutputTail tail, String name, String id) {
    this.stream = stream;
    this.log = log;
    this.tail = tail;
    this.name = name;
    this.id12 = id.length() > 12 ? id.substring(0, 12) : id;
    this.level = stream.equals("stderr") ? Level.WARNING : Level.INFO;
  }

  /**
   * Starts a daemon thread named {@code hangar-log-<plugin>-<stream>} reading {@code in} line by
   * line (split as Docker splits: on {@code \n}, a trailing {@code \r} kept, lines over 16 KiB
   * cut into 16 KiB pieces, the rest at EOF kept; invalid UTF-8 replaced) into {@code log} (if
   * non-null), {@code tail} and the daemon's log. It always keeps reading, whatever happens to
   * the log, so the plugin never blocks on a full pipe. The thread ends at EOF (the process
   * exited) or an IOException, closing {@code in}; {@code join()} waits for the last line.
   *
   * @param stream {@code stdout} or {@code stderr}
   * @param id the plugin's id (its first 12 characters name it in the daemon's log)
   */
  public static Thread start(InputStream in, String stream, PluginLog log, OutputTail tail,
      String pluginName, String id) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(tail, "tail");
    OutputPump p = new OutputPump(Objects.requireNonNull(stream, "stream"), log, tail,
        Objects.requireNonNull(pluginName, "pluginName"), Objects.requireNonNull(id, "id"));
    Thread t = new Thread(() -> p.run(in), "hangar-log-" + pluginName + "-" + stream);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void run(InputStream in) {
    LineSplitter lines = new LineSplitter(this::line, Instant::now);
    byte[] chunk = new byte[8192];
    try (in) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        lines.feed(chunk, 0, n);
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "reading the " + stream + " of plugin " + name + " " + id12
          + " failed; its output ends here", e);
    } finally {
      lines.finish();
    }
  }

  private void line(byte[] b, int len, boolean newline, Instant time) {
    try {
      copy(b, len, newline, time);
    } catch (RuntimeException e) {
      // Keep reading whatever broke (the plugin would block on a full pipe); say so once.
      if (!reported) {
        reported = true;
        LOG.log(Level.WARNING, "copying the " + stream + " of plugin " + name + " " + id12
            + " failed; reading on", e);
      }
    }
  }

  private void copy(byte[] b, int len, boolean newline, Instant time) {
    if (log != null) {
      log.append(stream, b, 0, len, newline, time);
    }
    String text = Utf8.decode(b, 0, len);
    tail.add(stream, text);
    if (PLUGIN_LOG.isLoggable(level)) {
      LogRecord r = new LogRecord(level, "[plugin {0} {1}] {2}");
      r.setParameters(new Object[] {name, id12, text});
      r.setLoggerName(LOGGER);
      r.setInstant(time);
      PLUGIN_LOG.log(r);
    }
  }
}
