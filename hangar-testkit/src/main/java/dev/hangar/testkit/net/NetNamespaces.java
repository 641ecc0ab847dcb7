package dev.hangar.testkit.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private IPv4 network of network namespaces: a hub namespace holding a bridge, and members
 * ({@link #add}), each a namespace whose {@code eth0} is one end of a veth pair, the other end
 * a port of the bridge. Members get {@code 10.77.0.1}, {@code .2}, ... on {@code 10.77.0.0/24},
 * in the order added, and reach each other (and nothing else: no route leaves the network).
 *
 * <p>Every name is {@code hgnet-<pid>-<random>-<role>}: the bridge and the veth ends live
 * inside the namespaces, so concurrent networks (other test JVMs) share no interface name and
 * may all use the same addresses. {@link #close()} deletes every namespace made, also after a
 * failed {@link #add}; a JVM shutdown hook does it for a run stopped by a signal; and
 * {@link #create()} first deletes the namespaces of runs whose process is gone (killed with
 * SIGKILL). Needs root ({@link #available()}).
 *
 * <pre>{@code
 * try (NetNamespaces net = NetNamespaces.create()) {
 *   NetNamespace registry = net.add("registry");          // 10.77.0.1
 *   NetNamespace node = net.add("node1");                 // 10.77.0.2
 *   new ProcessBuilder(node.command(List.of("curl", "http://10.77.0.1:5000/v2/"))).start();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class NetNamespaces implements AutoCloseable {
  static final Path RUN = Path.of("/run/netns");
  static final String NSENTER = "nsenter";
  private static final String SUBNET = "10.77.0.";
  private static final String PREFIX = "hgnet-";
  private static final Pattern OURS = Pattern.compile("hgnet-(\\d+)-.*");
  private static final Pattern ROLE = Pattern.compile("[a-z0-9]{1,16}");
  private static final int MAX_MEMBERS = 250;
  private static Boolean available;

  private final String id;
  private final String hub;
  private final List<String> made = new ArrayList<>();
  private final List<NetNamespace> members = new ArrayList<>();
  private final Thread hook = new Thread(this::deleteAll, "hgnet-cleanup");

  private NetNamespaces(String id) {
    this.id = id;
    this.hub = id + "-hub";
  }

  /**
   * Whether this process may make network namespaces ({@code ip netns add} works: root with
   * {@code CAP_SYS_ADMIN}, iproute2 installed). Probed once, by making and deleting one.
   */
  public static synchronized boolean available() {
    if (available == null) {
      String probe = PREFIX + ProcessHandle.current().pid() + "-probe";
      try {
        ip("netns", "add", probe);
        ip("netns", "del", probe);
        available = true;
      } catch (IOException e) {
        available = false;
      }
    }
    return available;
  }

  /**
   * Deletes what aborted runs left, then makes the hub namespace and its bridge.
   *
   * @return the network, with no member yet
   * @throws IOException when {@code ip} fails (its output in the message)
   */
  public static NetNamespaces create() throws IOException {
    deleteAbandoned();
    String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    NetNamespaces net = new NetNamespaces(PREFIX + ProcessHandle.current().pid() + "-" + random);
    Runtime.getRuntime().addShutdownHook(net.hook);
    try {
      net.namespace(net.hub);
      ip("-n", net.hub, "link", "add", "br0", "type", "bridge");
      ip("-n", net.hub, "link", "set", "br0", "up");
    } catch (IOException | RuntimeException e) {
      net.close();
      throw e;
    }
    return net;
  }

  /**
   * Adds a member: a namespace {@code <id>-<role>} with {@code lo} up and {@code eth0} on the
   * bridge, holding the next address.
   *
   * @param role a short lower-case name ({@code [a-z0-9]{1,16}}), unique in this network
   * @return the member
   * @throws IOException when {@code ip} fails; what was made for the member is deleted
   */
  public synchronized NetNamespace add(String role) throws IOException {
    if (!ROLE.matcher(role).matches()) {
      throw new IllegalArgumentException("role must match " + ROLE + ": " + role);
    }
    if (members.size() >= MAX_MEMBERS) {
      throw new IllegalStateException("a /24 holds " + MAX_MEMBERS + " members");
    }
    int n = members.size() + 1;
    NetNamespace member = new NetNamespace(id + "-" + role, SUBNET + n);
    if (made.contains(member.name())) {
      throw new IllegalArgumentException("role already added: " + role);
    }
    namespace(member.name());
    try {
      ip("-n", member.name(), "link", "set", "lo", "up");
      String port = "p" + n;
      ip("link", "add", "eth0", "netns", member.name(), "type", "veth",
          "peer", "name", port, "netns", hub);
      ip("-n", hub, "link", "set", port, "master", "br0", "up");
      ip("-n", member.name(), "addr", "add", member.address() + "/24", "dev", "eth0");
      ip("-n", member.name(), "link", "set", "eth0", "up");
    } catch (IOException e) {
      delete(member.name());
      throw e;
    }
    members.add(member);
    return member;
  }

  /** The members, in the order added. */
  public synchronized List<NetNamespace> members() {
    return List.copyOf(members);
  }

  /**
   * Deletes every namespace made (members first, the hub last; a namespace a process still
   * runs in lives on, nameless, until that process ends). Idempotent.
   */
  @Override
  public void close() {
    deleteAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or ran: nothing to remove
    }
  }

  private synchronized void deleteAll() {
    for (String name : made.reversed()) {
      delete(name);
    }
    made.clear();
    members.clear();
  }

  private void namespace(String name) throws IOException {
    ip("netns", "add", name);
    made.add(name);
  }

  private static void delete(String name) {
    try {
      ip("netns", "del", name);
    } catch (IOException e) {
      // already gone, or never made; nothing else to do
    }
  }

  /** Deletes {@code hgnet-<pid>-*} namespaces whose process is no longer alive. */
  private static void deleteAbandoned() throws IOException {
    if (!Files.isDirectory(RUN)) {
      return;
    }
    try (Stream<Path> s = Files.list(RUN)) {
      for (Path p : s.toList()) {
        Matcher m = OURS.matcher(p.getFileName().toString());
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1)))
            .map(h -> !h.isAlive()).orElse(true)) {
          delete(p.getFileName().toString());
        }
      }
    }
  }

  private static void ip(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + ": "
          + out.strip());
    }
  }
}
