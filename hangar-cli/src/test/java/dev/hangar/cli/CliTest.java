package dev.hangar.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with a given root and captures its output. */
final class CliTest {
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private CliTest() {}

  static Run run(Path root, String stdin, String... args) {
    return runWithEnv(root, Map.of(), stdin, args);
  }

  /** {@link #run(Path, String, String...)} with more environment variables. */
  static Run runWithEnv(Path root, Map<String, String> moreEnv, String stdin, String... args) {
    Map<String, String> env = new HashMap<>(moreEnv);
    env.put("HANGAR_ROOT", root.toString());
    env.put("HOME", root.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args,
        new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.copyOf(env));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
