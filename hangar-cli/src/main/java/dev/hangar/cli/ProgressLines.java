package dev.hangar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows a pull's or push's progress messages (dockerd's JSON stream). Not on a terminal: one
 * plain line per status ({@code <id>: <status>}), byte counts left out. On a terminal: as the
 * docker CLI, one row per layer redrawn in place with a bar ({@code <id>: Downloading
 * [=====>      ] 1.2 MiB/3.4 MiB}); other lines are printed above the rows. Not thread-safe.
 */
final class ProgressLines {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private final List<String> rows = new ArrayList<>();

  ProgressLines(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Shows one message; {@code aux} messages are not shown. */
  void accept(JsonNode m) {
    if (m.has("aux")) {
      return;
    }
    String id = m.path("id").asText("");
    String status = m.path("status").asText("");
    JsonNode d = m.path("progressDetail");
    boolean counted = d.has("current");
    if (!terminal) {
      if (!counted) {
        out.println(id.isEmpty() ? status : id + ": " + status);
      }
      return;
    }
    String text = (id.isEmpty() ? "" : id + ": ") + status
        + (counted ? " " + bar(d.path("current").asLong(), d.path("total").asLong(-1)) : "");
    int index = rows.indexOf(id);
    if (id.isEmpty() || !isBlob(id)) {
      out.println(text);
      rows.clear();
    } else if (index < 0) {
      out.println(text);
      rows.add(id);
    } else {
      int up = rows.size() - index;
      out.print("\033[" + up + "A\r\033[2K" + text + "\033[" + up + "B\r");
    }
    out.flush();
  }

  private static boolean isBlob(String id) {
    return id.length() == 12 && id.chars().allMatch(c -> c >= '0' && c <= '9'
        || c >= 'a' && c <= 'f');
  }

  /** {@code [=====>     ] 1.2 MiB/3.4 MiB}, or only the count when the total is unknown. */
  static String bar(long current, long total) {
    if (total <= 0) {
      return ProgressBar.bytes(current);
    }
    int filled = (int) Math.min(WIDTH, current * WIDTH / total);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < WIDTH; i++) {
      b.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    return b.append("] ").append(ProgressBar.bytes(current)).append('/')
        .append(ProgressBar.bytes(total)).toString();
  }
}
