package dev.hangar.bench.exec;

import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecResult;
import dev.hangar.exec.ExecSettings;
import dev.hangar.internal.exec.ExecRunner;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One way of calling {@code PLUGIN version {}}: a bare {@link ProcessBuilder} or Hangar's
 * {@link ExecRunner}. Thread-safe.
 */
abstract class ExecSide {
  /** The result the benchmark plugin prints (core0's helper framing). */
  static final String VERSION = "1.0alpha";

  final String name;

  ExecSide(String name) {
    this.name = name;
  }

  /** One call; throws if the plugin did not answer {@link #VERSION}. */
  abstract void call() throws IOException, InterruptedException;

  /**
   * The baseline: {@code ProcessBuilder([path, "version", "{}"])}, stdin from /dev/null, stdout
   * read to the end on the calling thread, stderr discarded, {@code waitFor}. Nothing else:
   * the least any Java host must do to run the binary and get its answer.
   */
  static ExecSide bare(Path plugin) {
    List<String> command = List.of(plugin.toString(), "version", "{}");
    File devNull = new File("/dev/null");
    return new ExecSide("bare") {
      @Override
      void call() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
            .redirectInput(devNull)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
          out = in.readAllBytes();
        }
        if (p.waitFor() != 0 || !new String(out, StandardCharsets.UTF_8).contains(VERSION)) {
          throw new IllegalStateException("bare: unexpected answer");
        }
      }
    };
  }

  /**
   * Hangar: {@code ExecRunner.call(domain, "version", "{}")} on a non-queued domain with the
   * given settings.
   */
  static ExecSide hangar(String name, Path plugin, ExecSettings settings) {
    ExecRunner runner = new ExecRunner(settings);
    ExecDomain domain = new ExecDomain("bench", plugin, List.of("version"), false,
        false, ExecDomain.DEFAULT_TIMEOUT, 0, Map.of(), null, null,
        plugin.resolveSibling(".plugin.toml"), 1);
    return new ExecSide(name) {
      @Override
      void call() {
        ExecResult r = runner.call(domain, "version", "{}");
        if (!(r instanceof ExecResult.Json j) || !VERSION.equals(j.value().textValue())) {
          throw new IllegalStateException(name + ": unexpected answer " + r);
        }
      }
    };
  }
}
