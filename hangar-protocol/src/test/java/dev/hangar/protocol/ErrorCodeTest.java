package dev.hangar.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d+) \\| (\\d+) \\|", Pattern.MULTILINE);

  @Test
  void everyCodeIsListedInTheErrorsDocWithItsExitAndHttpStatus() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "errors.md"));
    Map<String, String> rows = new HashMap<>();
    Matcher m = ROW.matcher(doc);
    while (m.find()) {
      rows.put(m.group(1), m.group(2) + "/" + m.group(3));
    }
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(rows).as("docs/errors.md row for %s", code)
          .containsEntry(code.name(), code.exitStatus() + "/" + code.httpStatus());
    }
    assertThat(rows.keySet()).as("codes in docs/errors.md that the enum lacks")
        .allMatch(name -> Arrays.stream(ErrorCode.values()).anyMatch(c -> c.name().equals(name)));
  }
}
