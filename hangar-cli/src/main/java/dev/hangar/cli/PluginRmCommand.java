package dev.hangar.cli;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar plugin rm [-f] NAME...}: removes managed plugins through the daemon
 * ({@code DELETE /plugins/{name}[?force=1]}), as {@code docker plugin rm}: each name removed is
 * printed; the failures are reported together at the end (one line each), with the first
 * failure's exit status.
 */
@Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
    description = "Remove one or more managed plugins (through the daemon).")
final class PluginRmCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Option(names = {"-f", "--force"}, description = "Force the removal of an active plugin.")
  boolean force;

  @Parameters(arity = "1..*", paramLabel = "NAME", description = "The plugins' names or IDs.")
  List<String> names;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    List<HangarException> failed = new ArrayList<>();
    try (DaemonLink daemon = DaemonLink.of(top)) {
      for (String n : names) {
        try {
          daemon.client().remove(n, force);
          top.context().out().println(n);
        } catch (HangarException e) {
          if (e.code() == ErrorCode.DAEMON_UNREACHABLE) {
            throw e; // the same for every name
          }
          failed.add(e);
        }
      }
    }
    if (failed.isEmpty()) {
      return 0;
    }
    if (failed.size() == 1) {
      throw failed.get(0);
    }
    HangarException all = new HangarException(failed.get(0).code(), String.join("\n",
        failed.stream().map(Throwable::getMessage).toList()), failed.get(0));
    failed.subList(1, failed.size()).forEach(all::addSuppressed);
    throw all;
  }
}
