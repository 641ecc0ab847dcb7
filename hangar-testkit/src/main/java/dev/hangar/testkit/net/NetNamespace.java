package dev.hangar.testkit.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One member of a {@link NetNamespaces} network: a network namespace named {@code name}, whose
 * {@code eth0} has {@code address} on the network's /24 and whose {@code lo} is up.
 *
 * <p>Processes are put in it with {@code nsenter --net=/run/netns/<name>} ({@link #command}),
 * which changes the network namespace only. {@code ip netns exec} is not used: it also remounts
 * {@code /sys}, which fails in some containers and is not needed here.
 *
 * @param name the namespace's name, unique to one {@link NetNamespaces}
 * @param address its IPv4 address, e.g. {@code 10.77.0.3}
 * @since 0.1
 */
public record NetNamespace(String name, String address) {
  /** Checks that both parts are present. */
  public NetNamespace {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
  }

  /** {@code /run/netns/<name>}, the file {@code nsenter --net=} takes. */
  public Path path() {
    return NetNamespaces.RUN.resolve(name);
  }

  /**
   * {@code command} run inside this namespace: {@code nsenter --net=<path> command...}.
   * {@code nsenter} execs the command, so the process started is the command itself (same pid,
   * same signals).
   *
   * @param command the program and its arguments
   * @return the wrapped command line
   */
  public List<String> command(List<String> command) {
    List<String> all = new ArrayList<>(List.of(NetNamespaces.NSENTER, "--net=" + path()));
    all.addAll(command);
    return List.copyOf(all);
  }
}
