package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the Engine API's query strings and {@code filters}: for any query, {@link Query},
 * {@link Filters}, {@link ListFilter} and {@link EventFilter} answer or throw USAGE (400), never
 * another exception. Seeds are what the docker CLI sends for {@code docker plugin ls --filter}
 * and {@code docker events --filter}.
 */
class FiltersFuzzTest {
  private static final EventMessage ENABLE = new EventMessage("enable", "abcdef0123",
      Map.of("name", "vol:latest", "image", "127.0.0.1:5000/team/vol:1.0"), 1L);

  /** A whole query string, {@code filters} and the other parameters URL-encoded in it. */
  @FuzzTest
  @Timeout(10)
  void query(byte[] input) {
    try {
      Query q = Query.parse(new String(input, StandardCharsets.ISO_8859_1));
      q.bool("force");
      exercise(Filters.parse(q.get("filters")));
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
    }
  }

  /** The value of {@code filters} alone, as JSON. */
  @FuzzTest
  @Timeout(10)
  void filtersJson(byte[] input) {
    try {
      exercise(Filters.parse(new String(input, StandardCharsets.UTF_8)));
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
    }
  }

  private static void exercise(Filters f) {
    new EventFilter(f).includes(ENABLE);
    f.match("capability", "volumedriver");
    try {
      ListFilter.of(f);
    } catch (HangarException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
    }
  }
}
