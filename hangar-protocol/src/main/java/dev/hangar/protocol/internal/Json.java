package dev.hangar.protocol.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.regex.Pattern;

/**
 * The one JSON configuration of Hangar's wire layer. Decoding follows Go's {@code encoding/json}:
 * keys match case-insensitively and unknown keys are ignored.
 */
public final class Json {
  /** Shared, thread-safe mapper. Never reconfigure it. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .build();

  private Json() {}

  /** The source note Jackson puts in some locations when it may not show the input. */
  private static final Pattern REDACTED_SOURCE = Pattern.compile("\\[Source: [^;\\]]*; ");

  /**
   * What is wrong with the JSON, for a message: Jackson's own text without its location suffix
   * and without the "[Source: REDACTED ...]" note some errors embed.
   */
  public static String problem(JacksonException e) {
    String m = e.getOriginalMessage();
    return m == null ? e.getClass().getSimpleName() : REDACTED_SOURCE.matcher(m).replaceAll("[");
  }
}
