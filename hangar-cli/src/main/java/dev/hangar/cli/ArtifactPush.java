package dev.hangar.cli;

import dev.hangar.PluginHost;
import dev.hangar.exec.ExecDomain;
import dev.hangar.managed.PluginArtifacts;
import dev.hangar.managed.ProgressMessage;
import dev.hangar.managed.PushResult;
import dev.hangar.managed.internal.dist.ProgressJson;
import dev.hangar.managed.internal.ref.References;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.RegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * {@code hangar plugin push --jar FILE REF} and {@code --exec DIR REF}: the JAR or the bundle
 * checked as a host would check it (an exec bundle's declarations read by Hangar's own exec
 * registry, every executable inside the bundle), then pushed as Hangar's artifact with the
 * user's Docker credentials; progress as {@code docker plugin push} prints it.
 */
final class ArtifactPush {
  private ArtifactPush() {}

  static int push(HangarCommand top, PluginPushCommand cmd, ProgressLines progress) {
    if (cmd.jar != null && cmd.execDir != null) {
      throw new CommandLine.ParameterException(new CommandLine(cmd),
          "--jar and --exec are exclusive: push one plugin at a time");
    }
    CliContext ctx = top.context();
    String stored = References.normalize(cmd.name);
    Consumer<ProgressMessage> shown = m -> progress.accept(ProgressJson.of(m));
    PushResult r;
    try (RegistryClient client = cmd.registries.client(ctx)) {
      if (cmd.jar != null) {
        r = PluginArtifacts.pushJar(client, cmd.jar.toAbsolutePath(), stored, cmd.description,
            shown);
      } else {
        Path dir = cmd.execDir.toAbsolutePath();
        r = PluginArtifacts.pushExec(client, dir, domains(dir), stored, cmd.description, shown);
      }
    }
    cmd.signIfAsked(ctx, stored, r.digest());
    return 0;
  }

  /** The bundle's domains; refused when a declaration is bad or an executable is outside. */
  static List<String> domains(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, dir + " is not a directory");
    }
    try (PluginHost host = PluginHost.builder().pluginDirs(List.of()).execDirs(List.of(dir))
        .noInstalled().build()) {
      List<HangarException> errors = host.execs().errors();
      if (!errors.isEmpty()) {
        throw new HangarException(ErrorCode.PACKAGE_INVALID, "the exec bundle " + dir
            + " is refused: " + errors.get(0).getMessage());
      }
      Path real = realPath(dir);
      for (ExecDomain d : host.execs().list()) {
        if (!realPath(d.path()).startsWith(real)) {
          throw new HangarException(ErrorCode.PACKAGE_INVALID, "the exec bundle " + dir
              + ": [plugin." + d.name() + "] runs " + d.path() + ", outside the bundle; an"
              + " exec bundle carries its executables");
        }
      }
      return host.execs().list().stream().map(ExecDomain::name).toList();
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, p + " cannot be read: " + e, e);
    }
  }
}
