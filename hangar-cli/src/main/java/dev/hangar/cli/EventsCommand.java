package dev.hangar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar events [--filter KEY=VALUE]... [--since TIME] [--until TIME] [--format json]}:
 * the daemon's events ({@code GET /events}), as {@code docker events} prints them:
 * {@code <time> plugin <action> <id> (<attributes>)}, the time in RFC 3339 with nanoseconds in
 * the local zone, the attributes sorted; with {@code --format json}, each event's JSON on a line.
 * Streams until {@code --until} or SIGINT/SIGTERM (exit 0).
 */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Show the daemon's plugin events as they happen (as docker events).")
final class EventsCommand implements Callable<Integer> {
  /** Go's {@code jsonmessage.RFC3339NanoFixed}. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

  @ParentCommand HangarCommand top;

  @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
      description = "Only matching events: type=plugin, event=enable, plugin=NAME-OR-ID "
          + "(repeatable).")
  List<String> filters = new ArrayList<>();

  @Option(names = "--since", paramLabel = "TIME",
      description = "Show the kept events since TIME (2024-05-01T10:00:00Z, 42m, Unix seconds).")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Stop at TIME.")
  String until;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "json: each event as one line of JSON.")
  String format;

  @Override
  public Integer call() {
    if (format != null && !format.equals("json") && !format.equals("{{json .}}")) {
      throw new HangarException(ErrorCode.USAGE, "--format: only json is supported: " + format);
    }
    Map<String, List<String>> f = parse(filters);
    Instant now = Instant.now();
    ZoneId zone = ZoneId.systemDefault();
    Optional<String> from = Optional.ofNullable(since).map(s -> TimeArg.parse(s, now, zone));
    Optional<String> to = Optional.ofNullable(until).map(s -> TimeArg.parse(s, now, zone));
    PrintStream out = top.context().out();
    try (DaemonLink daemon = DaemonLink.of(top)) {
      StopSignals.install(daemon::close);
      daemon.client().events(f, from, to, e -> {
        out.println(format != null ? e.toString() : line(e, zone));
        out.flush();
      });
    }
    return 0;
  }

  /** {@code KEY=VALUE} options as the API's filters. */
  static Map<String, List<String>> parse(List<String> filters) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String kv : filters) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new HangarException(ErrorCode.USAGE, "bad format of filter (expected name=value): "
            + kv);
      }
      out.computeIfAbsent(kv.substring(0, eq), k -> new ArrayList<>()).add(kv.substring(eq + 1));
    }
    return out;
  }

  /** The docker CLI's line of an event. */
  static String line(JsonNode e, ZoneId zone) {
    long nanos = e.path("timeNano").asLong();
    Instant t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
    StringBuilder b = new StringBuilder(TIME.format(t.atZone(zone))).append(' ')
        .append(e.path("Type").asText()).append(' ').append(e.path("Action").asText())
        .append(' ').append(e.path("Actor").path("ID").asText());
    Map<String, String> attrs = new TreeMap<>();
    e.path("Actor").path("Attributes").properties()
        .forEach(a -> attrs.put(a.getKey(), a.getValue().asText()));
    if (!attrs.isEmpty()) {
      List<String> kv = new ArrayList<>();
      attrs.forEach((k, v) -> kv.add(k + "=" + v));
      b.append(" (").append(String.join(", ", kv)).append(')');
    }
    return b.toString();
  }
}
