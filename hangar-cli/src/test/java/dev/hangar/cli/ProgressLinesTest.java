package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] STREAM = {
      "{\"status\":\"Pulling from team/gp\",\"id\":\"1.0\"}",
      "{\"status\":\"Digest: sha256:abc\"}",
      "{\"status\":\"Pulling fs layer\",\"id\":\"0123456789ab\"}",
      "{\"status\":\"Pulling fs layer\",\"id\":\"ba9876543210\"}",
      "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":512,\"total\":1024},"
          + "\"id\":\"0123456789ab\"}",
      "{\"status\":\"Download complete\",\"id\":\"0123456789ab\"}",
      "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1.0\"}}"};

  private static String show(boolean terminal) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressLines p = new ProgressLines(out, terminal);
    for (String m : STREAM) {
      p.accept(JSON.readTree(m));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainLinesLeaveByteCountsAndAuxOut() throws Exception {
    assertThat(show(false)).isEqualTo("""
        1.0: Pulling from team/gp
        Digest: sha256:abc
        0123456789ab: Pulling fs layer
        ba9876543210: Pulling fs layer
        0123456789ab: Download complete
        """);
  }

  @Test
  void aTerminalGetsOneRowPerLayerRedrawnInPlaceWithABar() throws Exception {
    String shown = show(true);
    assertThat(shown).contains("0123456789ab: Pulling fs layer\n")
        .contains("\033[2A\r\033[2K0123456789ab: Downloading [===============>"
            + "              ] 512 B/1.0 KiB\033[2B\r")
        .contains("\033[2A\r\033[2K0123456789ab: Download complete\033[2B\r");
  }

  @Test
  void barsFillWithTheBytesDone() {
    assertThat(ProgressLines.bar(0, 100)).startsWith("[>  ");
    assertThat(ProgressLines.bar(100, 100)).startsWith("[==============================]");
    assertThat(ProgressLines.bar(5, -1)).isEqualTo("5 B");
  }
}
