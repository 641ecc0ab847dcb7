package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code hangar events}' lines, as the docker CLI prints an event, and its filters. */
class EventsCommandTest {
  private static final String EVENT = "{\"status\":\"enable\",\"id\":\"abc\",\"Type\":\"plugin\","
      + "\"Action\":\"enable\",\"Actor\":{\"ID\":\"abc\",\"Attributes\":{\"name\":\"vol:latest\","
      + "\"kind\":\"managed\"}},\"scope\":\"local\",\"time\":1714557600,"
      + "\"timeNano\":1714557600000000042}";

  @Test
  void aLineIsTheTimeWithNanosTypeActionIdAndTheSortedAttributes() throws Exception {
    assertThat(EventsCommand.line(new ObjectMapper().readTree(EVENT), ZoneId.of("UTC")))
        .isEqualTo("2024-05-01T10:00:00.000000042Z plugin enable abc "
            + "(kind=managed, name=vol:latest)");
    assertThat(EventsCommand.line(new ObjectMapper().readTree(EVENT), ZoneId.of("+02:00")))
        .startsWith("2024-05-01T12:00:00.000000042+02:00 plugin enable abc");
  }

  @Test
  void filtersAreKeyValuePairsGroupedByKey() {
    assertThat(EventsCommand.parse(List.of("type=plugin", "event=enable", "event=disable")))
        .isEqualTo(Map.of("type", List.of("plugin"), "event", List.of("enable", "disable")));
    assertThatThrownBy(() -> EventsCommand.parse(List.of("enable")))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
  }
}
