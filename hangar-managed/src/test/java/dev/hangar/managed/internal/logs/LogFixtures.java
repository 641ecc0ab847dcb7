package dev.hangar.managed.internal.logs;

import dev.hangar.managed.LogLine;
import dev.hangar.managed.LogQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Helpers shared by the log tests. */
final class LogFixtures {
  static final Instant T0 = Instant.parse("2026-12-01T22:33:44.123456789Z");

  private LogFixtures() {}

  /** The time of line {@code i}: T0 + i seconds. */
  static Instant at(int i) {
    return T0.plusSeconds(i);
  }

  /** Line {@code i}'s text, all of the same length. */
  static String text(int i) {
    return String.format("line-%05d", i);
  }

  /** The length of one entry of {@link #text} at {@link #at}. */
  static int entryLength() {
    ByteBuf b = new ByteBuf(64);
    byte[] t = Utf8.encode(text(0));
    JsonLines.encode(b, "stdout", t, 0, t.length, true, at(0));
    return b.size();
  }

  /** Appends lines {@code from} to {@code to} (inclusive). */
  static void append(PluginLog log, int from, int to) {
    for (int i = from; i <= to; i++) {
      log.append("stdout", text(i), at(i));
    }
  }

  /** The texts of the entries in one file. */
  static List<String> texts(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      byte[] b = l.getBytes(StandardCharsets.UTF_8);
      JsonLines.decode(b, 0, b.length).ifPresent(e -> out.add(e.text()));
    }
    return out;
  }

  /** The texts of {@code lines}. */
  static List<String> texts(List<LogLine> lines) {
    return lines.stream().map(LogLine::text).toList();
  }

  /** The texts {@code from} to {@code to}. */
  static List<String> texts(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(text(i));
    }
    return out;
  }

  static LogQuery query(OptionalInt tail, Optional<Instant> since, boolean follow) {
    return new LogQuery(tail, since, follow);
  }

  /** Reads without following, returning the texts. */
  static List<String> read(Path dir, LogQuery q) {
    List<String> out = new ArrayList<>();
    PluginLog.read(dir, q, l -> out.add(l.text()));
    return out;
  }

  /** Reads without following, returning the lines. */
  static List<LogLine> lines(Path dir) {
    List<LogLine> out = new ArrayList<>();
    PluginLog.read(dir, LogQuery.ALL, out::add);
    return out;
  }

  /** Records what a java.util.logging logger publishes, until closed. */
  static final class Recorder extends Handler implements AutoCloseable {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final boolean parents;

    /** Records {@code name}'s records instead of letting them reach the console. */
    Recorder(String name) {
      logger = Logger.getLogger(name);
      parents = logger.getUseParentHandlers();
      logger.setUseParentHandlers(false);
      logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
      logger.setUseParentHandlers(parents);
    }
  }
}
