package dev.hangar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin logs [-f] [--tail N] [--since TIME] [-t] NAME}: a managed plugin's
 * output, as {@code docker logs} shows a container's: what the plugin wrote to stdout on stdout,
 * what it wrote to stderr on stderr, each line as written. With {@code -f}, new lines follow
 * until the daemon ends the stream or SIGINT/SIGTERM stops the command (exit 0).
 *
 * <p>Reads {@code GET /hangar/v1/plugins/{name}/logs}, one JSON object per line,
 * {@code {"log":"text\n","stream":"stdout","time":"<RFC 3339>"}} (Docker's json-file form).
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Show a managed plugin's output (through the daemon): its stdout on stdout, "
        + "its stderr on stderr.")
final class PluginLogsCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Option(names = {"-f", "--follow"}, description = "Follow the output.")
  boolean follow;

  @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all",
      description = "Only the last N lines (default all).")
  String tail;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only lines since TIME: e.g. 2024-05-01T10:00:00Z, or 42m for 42 minutes "
          + "ago, or Unix seconds.")
  String since;

  @Option(names = {"-t", "--timestamps"}, description = "Show when each line was written.")
  boolean timestamps;

  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name or ID.")
  String name;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    OptionalInt lines = tail(tail);
    Optional<String> from = Optional.ofNullable(since)
        .map(s -> TimeArg.parse(s, Instant.now(), ZoneId.systemDefault()));
    PrintStream out = top.context().out();
    PrintStream err = top.context().err();
    try (DaemonLink daemon = DaemonLink.of(top)) {
      if (follow) {
        StopSignals.install(daemon::close);
      }
      daemon.client().logs(name, lines, from, follow, line -> print(line, out, err));
    }
    out.flush();
    return 0;
  }

  private void print(JsonNode line, PrintStream out, PrintStream err) {
    PrintStream to = "stderr".equals(line.path("stream").asText()) ? err : out;
    String text = line.path("log").asText("");
    if (timestamps) {
      to.print(line.path("time").asText("") + " ");
    }
    to.print(text.endsWith("\n") ? text : text + "\n");
    to.flush();
  }

  private static OptionalInt tail(String value) {
    if (value.equalsIgnoreCase("all")) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 0) {
        return OptionalInt.of(n);
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new HangarException(ErrorCode.USAGE, "--tail must be a number of lines or all: "
        + value);
  }
}
