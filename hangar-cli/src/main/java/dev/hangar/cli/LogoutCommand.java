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
 * As docker 28.2, it prints {@code Removing login credentials for <server>} whether or not
 * there was an entry to remove (docker dropped {@code Not logged in to <server>}), and only a
 * failure to erase it under every key is reported.
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
    Map<String, HangarException> failed = new LinkedHashMap<>();
    for (String key : keys) {
      try {
        config.erase(key);
      } catch (HangarException e) {
        failed.put(key, e);
      }
    }
    ctx.out().println("Removing login credentials for " + target.display());
    if (failed.size() == keys.size()) {
      ctx.err().println("WARNING: could not erase credentials:");
      failed.forEach((k, e) -> ctx.err().println(k + ": " + e.getMessage()));
    }
    return 0;
  }
}
