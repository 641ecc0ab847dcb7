package dev.hangar.managed.internal.dist;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.ProgressMessage;

/** A progress message as dockerd streams it: {@code status}, {@code progressDetail}, {@code id}. */
public final class ProgressJson {
  private ProgressJson() {}

  /** {@code {"status":…[,"progressDetail":{"current":…[,"total":…]}][,"id":…]}}. */
  public static ObjectNode of(ProgressMessage m) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("status", m.status());
    if (m.counted()) {
      ObjectNode d = o.putObject("progressDetail");
      d.put("current", m.current());
      if (m.total() > 0) {
        d.put("total", m.total());
      }
    }
    if (!m.id().isEmpty()) {
      o.put("id", m.id());
    }
    return o;
  }
}
