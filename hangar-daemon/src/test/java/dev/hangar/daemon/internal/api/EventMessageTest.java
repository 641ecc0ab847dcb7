package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.managed.ManagedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMessageTest {

  @Test
  void aManagedEventBecomesDockersPluginEventLine() {
    ManagedEvent e = new ManagedEvent("enable", "ab12", "team/<vol>:1.0",
        Instant.ofEpochSecond(1700000000, 123456789), Map.of("kind", "managed", "name", "x"));
    String line = new String(ApiJson.encodeHtmlEscaped(EventMessage.of(e).toJson()),
        StandardCharsets.UTF_8);
    assertThat(line).isEqualTo("{\"status\":\"enable\",\"id\":\"ab12\",\"Type\":\"plugin\","
        + "\"Action\":\"enable\",\"Actor\":{\"ID\":\"ab12\",\"Attributes\":{\"kind\":\"managed\","
        + "\"name\":\"team/\\u003cvol\\u003e:1.0\"}},\"scope\":\"local\",\"time\":1700000000,"
        + "\"timeNano\":1700000000123456789}\n");
  }
}
