package dev.hangar.protocol.volume;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Map;

/** Writes an empty map as {@code null}, as Go writes a nil map (Docker's {@code "Opts":null}). */
final class EmptyMapAsNull extends StdSerializer<Map<String, String>> {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings({"unchecked", "rawtypes"})
  EmptyMapAsNull() {
    super((Class<Map<String, String>>) (Class) Map.class);
  }

  @Override
  public void serialize(Map<String, String> value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    if (value.isEmpty()) {
      gen.writeNull();
      return;
    }
    gen.writeStartObject();
    for (Map.Entry<String, String> e : value.entrySet()) {
      gen.writeStringField(e.getKey(), e.getValue());
    }
    gen.writeEndObject();
  }
}
