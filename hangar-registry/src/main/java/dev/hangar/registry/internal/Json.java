package dev.hangar.registry.internal;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The registry client's JSON: one strict mapper, and Docker's tab-indented printer. */
public final class Json {
  /** Shared, thread-safe mapper. Never reconfigure it. */
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** Pretty printing as Go's {@code json.MarshalIndent(v, "", "\t")}, as Docker writes config.json. */
  public static DefaultPrettyPrinter tabs() {
    DefaultIndenter tab = new DefaultIndenter("\t", "\n");
    return new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(tab)
        .withArrayIndenter(tab);
  }
}
