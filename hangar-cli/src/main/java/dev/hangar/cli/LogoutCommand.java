package dev.hangar.cli;

import dev.hangar.protocol.HangarException;
import dev.hangar.registry.DockerConfig;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar logout [SERVER]}: as {@code docker logout}, removes a registry's credentials
 * from the user's Docker config and its credential helper, under every key Docker may have
 * saved them ({@code SERVER} as given, its host, {@code http://host}, {@code https://host}).
 * A server with no entry in the file is reported {@code Not logged in to <server>} (as the
 * docker CLI did before 20.10) and is not an error.
 */
@Command(name = "logout", mixinStandardHelpOptions = true,
    description = "Log out from a registry (default: Docker Hub).")
final class LogoutCommand implements Callable<Integer> {
  @ParentCommand HangarCommand top;

  @Parameters(arity = "0..1", paramLabel = "SERVER",
      description = "The registry, host[:port] (default: Docker Hub).")
  String server;

  @Override
  public Integer call() {
    CliContext ctx = top.context();
    LoginServer target = LoginServer.of(server);
    Set<String> keys = new LinkedHashSet<>();
    if (target.dockerHub()) {
      keys.add(target.registry());
    } else {
      String host = target.display();
      keys.add(target.argument());
      keys.add(host);
      keys.add("http://" + host);
      keys.add("https://" + host);
    }
    DockerConfig config = UserDockerConfig.of(ctx);
    boolean removed = false;
    Map<String, HangarException> failed = new LinkedHashMap<>();
    for (String key : keys) {
      try {
        removed |= config.erase(key);
      } catch (HangarException e) {
        failed.put(key, e);
      }
    }
    if (!removed && failed.isEmpty()) {
      ctx.out().println("Not logged in to " + target.display());
      return 0;
    }
    ctx.out().println("Removing login credentials for " + target.display());
    if (failed.size() == keys.size()) {
      ctx.err().println("WARNING: could not erase credentials:");
      failed.forEach((k, e) -> ctx.err().println(k + ": " + e.getMessage()));
    }
    return 0;
  }
}
