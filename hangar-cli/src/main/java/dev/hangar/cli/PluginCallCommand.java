package dev.hangar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.hangar.PluginHost;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hangar plugin call NAME METHOD [ARGS]}: one call, the reply body on stdout. */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = {"Call a plugin method and print the reply body.",
        "Exit status 0 on success, 1 when the plugin or the transport fails, 2 for a usage error."})
final class PluginCallCommand implements Callable<Integer> {
  /** The most read from standard input for ARGS. */
  static final int MAX_STDIN_ARGS = 16 << 20;

  @ParentCommand PluginCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name.")
  String name;

  @Parameters(index = "1", paramLabel = "METHOD", description = "The wire method, e.g. VolumeDriver.List.")
  String method;

  @Parameters(index = "2", arity = "0..1", paramLabel = "ARGS",
      description = "The arguments as a JSON text, '-' to read them from standard input, "
          + "or absent for an empty body.")
  String args;

  @Override
  public Integer call() throws IOException {
    HangarCommand top = parent.top;
    RawValue body = parseArgs(top.context());
    try (PluginHost host = HostFactory.open(top)) {
      byte[] reply = host.activate(name).client().callRaw(method, body, CallOptions.DEFAULT);
      top.context().out().write(reply);
      top.context().out().flush();
    }
    return 0;
  }

  /**
   * Reads ARGS and checks that it is one JSON value. The text itself is sent, unchanged, so that
   * numbers and key order reach the plugin exactly as typed.
   */
  private RawValue parseArgs(CliContext context) throws IOException {
    if (args == null) {
      return null;
    }
    String text;
    String where;
    if (args.equals("-")) {
      byte[] bytes = context.in().readNBytes(MAX_STDIN_ARGS + 1);
      if (bytes.length > MAX_STDIN_ARGS) {
        throw new HangarException(ErrorCode.USAGE,
            "ARGS from standard input exceed " + (MAX_STDIN_ARGS >> 20) + " MiB");
      }
      text = new String(bytes, StandardCharsets.UTF_8);
      where = "standard input";
    } else {
      text = args;
      where = "ARGS";
    }
    if (text.isBlank()) {
      return null;
    }
    try {
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
      return new RawValue(text.strip());
    } catch (JsonProcessingException e) {
      throw new HangarException(ErrorCode.USAGE,
          where + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
