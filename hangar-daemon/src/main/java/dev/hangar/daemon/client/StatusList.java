package dev.hangar.daemon.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hangar.managed.ManagedState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code GET /hangar/v1/plugins}, {@code [{"Id","Name","Enabled","State","Types",
 * "Failure","Socket"}]}, with Jackson's streaming parser: {@code hangar plugin ls} runs it once
 * per command, and a streaming parser of a few classes starts in a fraction of the time of the
 * object mapper. Keys match case-insensitively and unknown keys are skipped, as Go decodes.
 */
final class StatusList {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private StatusList() {}

  /**
   * The statuses in {@code body}.
   *
   * @throws IOException malformed JSON
   * @throws IllegalArgumentException JSON of another shape, saying what is wrong
   */
  static List<ManagedStatus> parse(byte[] body) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("not a JSON array");
      }
      List<ManagedStatus> out = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          throw new IllegalArgumentException("entry " + out.size() + " is not a JSON object");
        }
        out.add(entry(p, out.size()));
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("more than one JSON value");
      }
      return List.copyOf(out);
    }
  }

  private static ManagedStatus entry(JsonParser p, int index) throws IOException {
    String id = "";
    String name = "";
    boolean enabled = false;
    String state = null;
    String failure = "";
    String socket = "";
    String manifest = "";
    String unhealthy = "";
    List<String> types = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName().toLowerCase(Locale.ROOT);
      JsonToken v = p.nextToken();
      switch (key) {
        case "id" -> id = text(p, v);
        case "name" -> name = text(p, v);
        case "enabled" -> enabled = v == JsonToken.VALUE_TRUE;
        case "state" -> state = text(p, v);
        case "failure" -> failure = text(p, v);
        case "socket" -> socket = text(p, v);
        case "manifestdigest" -> manifest = text(p, v);
        case "unhealthy" -> unhealthy = text(p, v);
        case "types" -> types(p, v, types);
        default -> p.skipChildren();
      }
    }
    if (id.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("entry " + index + " lacks Id or Name");
    }
    return new ManagedStatus(id, name, enabled, state(state, enabled), present(failure),
        present(socket), types, present(manifest), present(unhealthy));
  }

  private static String text(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return "";
  }

  private static void types(JsonParser p, JsonToken v, List<String> into) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == JsonToken.VALUE_STRING) {
        into.add(p.getText());
      } else {
        p.skipChildren();
      }
    }
  }

  private static ManagedState state(String s, boolean enabled) {
    if (s != null) {
      try {
        return ManagedState.valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // an unknown state: Docker's view below
      }
    }
    return enabled ? ManagedState.ENABLED : ManagedState.DISABLED;
  }

  private static Optional<String> present(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
