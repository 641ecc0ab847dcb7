package dev.hangar.cli;

import dev.hangar.daemon.client.RequestBody;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin create [--compress] NAME DIR|TAR}: creates a disabled managed plugin
 * through the daemon ({@code POST /plugins/create?name=NAME}) and prints NAME, as {@code docker
 * plugin create}. A directory (holding {@code config.json} and {@code rootfs/}) is sent as a tar
 * built while it is sent, gzipped with {@code --compress}; a file (a {@code .tar} or
 * {@code .tar.gz} of such a directory) is sent as it is.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create a managed plugin (through the daemon) from a directory holding "
        + "config.json and rootfs/, or from a tar (optionally gzipped) of one.",
        "The plugin is created disabled."})
final class PluginCreateCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Option(names = "--compress", description = "Compress the directory's tar with gzip.")
  boolean compress;

  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name, e.g. "
      + "vieux/sshfs (stored as vieux/sshfs:latest).")
  String name;

  @Parameters(index = "1", paramLabel = "DIR|TAR",
      description = "The plugin's directory, or a .tar or .tar.gz of it.")
  Path source;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    RequestBody body;
    if (Files.isDirectory(source)) {
      PackageTar.check(source);
      body = PackageTar.of(source, compress);
    } else if (Files.isRegularFile(source)) {
      body = out -> Files.copy(source, out);
    } else {
      throw new HangarException(ErrorCode.IO_ERROR, source + ": no such directory or file");
    }
    try (DaemonLink daemon = DaemonLink.of(top)) {
      daemon.client().create(name, body);
    }
    top.context().out().println(name);
    return 0;
  }
}
