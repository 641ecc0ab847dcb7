package dev.hangar.managed.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OciSpecTest {
  static final Path ROOTFS = Path.of("/var/lib/hangar/plugins/abc/rootfs");
  static final Path RUNTIME_DIR = Path.of("/run/hangar/1234abcd/abc");
  static final Path PROPAGATED = Path.of("/var/lib/hangar/plugins/abc/propagated-mount");

  /** One rule: a config (settings derived from it, then adjusted), a flag, what must hold. */
  record Case(String name, Configs config, UnaryOperator<PluginSettings> settings,
      boolean rootless, Consumer<ObjectNode> check) {
    @Override
    public String toString() {
      return name;
    }

    ObjectNode spec() {
      PluginConfig c = config.build();
      return OciSpec.build(c, settings.apply(PluginSettings.initial(c)), ROOTFS, RUNTIME_DIR,
          Optional.of(PROPAGATED), rootless);
    }
  }

  static Case rule(String name, Configs c, Consumer<ObjectNode> check) {
    return new Case(name, c, s -> s, false, check);
  }

  static Stream<Case> rules() {
    return Stream.of(
        rule("ociVersion is the one runc 1.1.5 writes", Configs.plugin(),
            s -> assertThat(s.path("ociVersion").asText()).isEqualTo("1.0.2-dev")),
        rule("Docker's default capabilities in every set but inheritable", Configs.plugin(), s -> {
          assertThat(strings(s.at("/process/capabilities/bounding")))
              .containsExactlyElementsOf(DockerDefaults.CAPABILITIES).contains("CAP_MKNOD");
          assertThat(strings(s.at("/process/capabilities/permitted")))
              .containsExactlyElementsOf(DockerDefaults.CAPABILITIES);
          assertThat(strings(s.at("/process/capabilities/effective")))
              .containsExactlyElementsOf(DockerDefaults.CAPABILITIES);
          assertThat(strings(s.at("/process/capabilities/inheritable"))).isEmpty();
          assertThat(s.at("/process/capabilities/ambient").isMissingNode()).isTrue();
        }),
        rule("namespaces mount, network, uts, pid, ipc", Configs.plugin(),
            s -> assertThat(namespaces(s)).containsExactly("mount", "network", "uts", "pid",
                "ipc")),
        rule("Docker's default mounts first, in order", Configs.plugin(), s -> {
          assertThat(destinations(s).subList(0, 7)).containsExactly("/proc", "/dev", "/dev/pts",
              "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm");
          assertThat(strings(mount(s, "/dev/pts").get("options"))).contains("gid=5");
          assertThat(strings(mount(s, "/sys").get("options"))).contains("ro");
          assertThat(mount(s, "/dev/shm").path("source").asText()).isEqualTo("shm");
        }),
        rule("masked and read-only paths", Configs.plugin(), s -> {
          assertThat(strings(s.at("/linux/maskedPaths")))
              .containsAll(DockerDefaults.MASKED_PATHS).contains("/proc/kcore");
          assertThat(strings(s.at("/linux/readonlyPaths")))
              .containsExactlyElementsOf(DockerDefaults.READONLY_PATHS);
        }),
        rule("default device rules: deny all, allow the standard nodes, deny 10:229",
            Configs.plugin(), s -> {
              JsonNode rules = s.at("/linux/resources/devices");
              assertThat(rules).hasSize(8);
              assertThat(rules.get(0).path("allow").asBoolean(true)).isFalse();
              assertThat(rules.get(0).path("access").asText()).isEqualTo("rwm");
              assertThat(rule(rules, 1, 3).path("allow").asBoolean()).isTrue();
              assertThat(rule(rules, 5, 1).path("allow").asBoolean()).isTrue();
              assertThat(rule(rules, 10, 229).path("allow").asBoolean(true)).isFalse();
            }),
        rule("rootfs read-write at the given path", Configs.plugin(), s -> {
          assertThat(s.at("/root/path").asText()).isEqualTo(ROOTFS.toString());
          assertThat(s.at("/root/readonly").asBoolean(true)).isFalse();
        }),
        rule("runtime dir bound at /run/docker/plugins, rbind rshared", Configs.plugin(), s -> {
          JsonNode m = mount(s, "/run/docker/plugins");
          assertThat(m.path("source").asText()).isEqualTo(RUNTIME_DIR.toString());
          assertThat(m.path("type").asText()).isEqualTo("bind");
          assertThat(strings(m.get("options"))).containsExactly("rbind", "rshared");
        }),
        rule("config mounts with their source, before the runtime dir",
            Configs.plugin().mount("state", "/var/lib/x", "/state", "rbind", "ro"), s -> {
              JsonNode m = mount(s, "/state");
              assertThat(m.path("source").asText()).isEqualTo("/var/lib/x");
              assertThat(strings(m.get("options"))).containsExactly("rbind", "ro");
              assertThat(destinations(s).indexOf("/state"))
                  .isLessThan(destinations(s).indexOf("/run/docker/plugins"));
            }),
        rule("no Network.Type: a network namespace and no /etc mounts", Configs.plugin(), s -> {
          assertThat(namespaces(s)).contains("network");
          assertThat(destinations(s)).doesNotContain("/etc/hosts", "/etc/resolv.conf");
        }),
        rule("Network.Type bridge: a network namespace, /etc/hosts and resolv.conf read-only",
            Configs.plugin().network("bridge"), s -> {
              assertThat(namespaces(s)).contains("network");
              for (String f : List.of("/etc/hosts", "/etc/resolv.conf")) {
                assertThat(mount(s, f).path("source").asText()).isEqualTo(f);
                assertThat(strings(mount(s, f).get("options"))).containsExactly("rbind", "ro");
              }
            }),
        rule("Network.Type host: no network namespace, /etc files bound",
            Configs.plugin().network("host"), s -> {
              assertThat(namespaces(s)).containsExactly("mount", "uts", "pid", "ipc");
              assertThat(destinations(s)).contains("/etc/hosts", "/etc/resolv.conf");
            }),
        rule("PidHost and IpcHost drop those namespaces", with(c -> {
          c.pidHost = true;
          c.ipcHost = true;
        }), s -> assertThat(namespaces(s)).containsExactly("mount", "network", "uts")),
        rule("AllowAllDevices: rwm on all devices, nothing else",
            with(c -> c.allowAllDevices = true), s -> {
              JsonNode rules = s.at("/linux/resources/devices");
              assertThat(rules).hasSize(1);
              assertThat(rules.get(0).path("allow").asBoolean()).isTrue();
              assertThat(rules.get(0).path("access").asText()).isEqualTo("rwm");
              assertThat(rules.get(0).has("major")).isFalse();
            }),
        rule("a settings device: node info from the host, and a rule granting rwm",
            with(c -> c.devices.add(Configs.device("fuse", "/dev/null"))), s -> {
              JsonNode d = s.at("/linux/devices/0");
              assertThat(d.path("path").asText()).isEqualTo("/dev/null");
              assertThat(d.path("type").asText()).isEqualTo("c");
              assertThat(d.path("major").asLong()).isEqualTo(1);
              assertThat(d.path("minor").asLong()).isEqualTo(3);
              assertThat(d.path("fileMode").asInt()).isEqualTo(0666);
              JsonNode rules = s.at("/linux/resources/devices");
              JsonNode last = rules.get(rules.size() - 1);
              assertThat(last.path("allow").asBoolean()).isTrue();
              assertThat(last.path("minor").asLong()).isEqualTo(3);
              assertThat(last.path("access").asText()).isEqualTo("rwm");
            }),
        rule("env: Docker's PATH, then the settings env", Configs.plugin(), s ->
            assertThat(strings(s.at("/process/env")))
                .containsExactly("PATH=" + DockerDefaults.PATH)),
        new Case("settings env follows PATH", Configs.plugin(),
            st -> new PluginSettings(st.mounts(), List.of("DEBUG=1", "A=b c"), st.args(),
                st.devices()), false,
            s -> assertThat(strings(s.at("/process/env"))).containsExactly(
                "PATH=" + DockerDefaults.PATH, "DEBUG=1", "A=b c")),
        new Case("args: entrypoint then settings args", Configs.plugin().entrypoint("/p", "-v"),
            st -> new PluginSettings(st.mounts(), st.env(), List.of("x", "y"), st.devices()),
            false, s -> assertThat(strings(s.at("/process/args")))
                .containsExactly("/p", "-v", "x", "y")),
        rule("cwd / when WorkDir is empty, no terminal", Configs.plugin(), s -> {
          assertThat(s.at("/process/cwd").asText()).isEqualTo("/");
          assertThat(s.at("/process/terminal").asBoolean(true)).isFalse();
        }),
        rule("cwd is WorkDir", with(c -> c.workDir = "/srv"),
            s -> assertThat(s.at("/process/cwd").asText()).isEqualTo("/srv")),
        rule("Linux.Capabilities appended to all four sets",
            with(c -> c.capabilities.add("CAP_SYS_ADMIN")), s -> {
              for (String set : List.of("bounding", "permitted", "inheritable", "effective")) {
                List<String> caps = strings(s.at("/process/capabilities/" + set));
                assertThat(caps).as(set).endsWith("CAP_SYS_ADMIN");
              }
              assertThat(strings(s.at("/process/capabilities/inheritable")))
                  .containsExactly("CAP_SYS_ADMIN");
            }),
        rule("PropagatedMount: the dir bound rbind rw rshared, rootfs propagation rshared",
            with(c -> c.propagatedMount = "/data"), s -> {
              JsonNode m = mount(s, "/data");
              assertThat(m.path("source").asText()).isEqualTo(PROPAGATED.toString());
              assertThat(strings(m.get("options"))).containsExactly("rbind", "rw", "rshared");
              assertThat(s.at("/linux/rootfsPropagation").asText()).isEqualTo("rshared");
            }),
        rule("no PropagatedMount: no rootfs propagation, the dir not bound", Configs.plugin(),
            s -> {
              assertThat(s.at("/linux/rootfsPropagation").isMissingNode()).isTrue();
              assertThat(sources(s)).doesNotContain(PROPAGATED.toString());
            }),
        rule("a settings mount at a default /dev/ path replaces the default",
            Configs.plugin().mount("shm", "/host/shm", "/dev/shm", "rbind"), s -> {
              List<JsonNode> shm = mounts(s, "/dev/shm");
              assertThat(shm).hasSize(1);
              assertThat(shm.get(0).path("source").asText()).isEqualTo("/host/shm");
              assertThat(destinations(s)).contains("/dev", "/dev/pts", "/dev/mqueue");
            }),
        new Case("rootless: a user namespace mapping the current user to 0", Configs.plugin(),
            st -> st, true, s -> {
              assertThat(namespaces(s)).containsExactly("mount", "network", "uts", "pid", "ipc",
                  "user");
              for (String map : List.of("/linux/uidMappings", "/linux/gidMappings")) {
                assertThat(s.at(map)).hasSize(1);
                assertThat(s.at(map + "/0/containerID").asLong(-1)).isZero();
                assertThat(s.at(map + "/0/size").asLong()).isEqualTo(1);
              }
              assertThat(s.at("/linux/uidMappings/0/hostID").asLong()).isEqualTo(HostIds.euid());
              assertThat(s.at("/linux/gidMappings/0/hostID").asLong()).isEqualTo(HostIds.egid());
            }),
        new Case("rootless: no cgroup resources, /sys bound from the host, no gid= options",
            Configs.plugin(), st -> st, true, s -> {
              assertThat(s.at("/linux/resources").isMissingNode()).isTrue();
              JsonNode sys = mount(s, "/sys");
              assertThat(sys.path("source").asText()).isEqualTo("/sys");
              assertThat(strings(sys.get("options"))).contains("rbind", "ro");
              assertThat(strings(mount(s, "/dev/pts").get("options")))
                  .contains("newinstance").noneMatch(o -> o.startsWith("gid="));
            }),
        new Case("rootless with host PID and IPC: /proc, /dev/mqueue, /dev/shm from the host",
            with(c -> {
              c.pidHost = true;
              c.ipcHost = true;
            }), st -> st, true, s -> {
              for (String p : List.of("/proc", "/dev/mqueue", "/dev/shm")) {
                if (!Files.isDirectory(Path.of(p))) {
                  assertThat(destinations(s)).as("the host has no " + p).doesNotContain(p);
                  continue;
                }
                assertThat(mount(s, p).path("source").asText()).as(p).isEqualTo(p);
                assertThat(strings(mount(s, p).get("options"))).as(p).contains("rbind");
              }
            }),
        new Case("rootless with host network: no network namespace", Configs.plugin()
            .network("host"), st -> st, true,
            s -> assertThat(namespaces(s)).doesNotContain("network").contains("user")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void specFollowsDockersRule(Case c) {
    c.check().accept(c.spec());
  }

  @Test
  void aConfigMountWithoutSourceIsAnErrorNamingTheMount() {
    PluginConfig c = Configs.plugin().mount("state", null, "/state").build();
    assertThatThrownBy(() -> OciSpec.build(c, PluginSettings.initial(c), ROOTFS, RUNTIME_DIR,
        Optional.empty(), false))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_START_FAILED))
        .hasMessageContaining("state").hasMessageContaining("/state")
        .hasMessageContaining("no source");
  }

  @Test
  void aDeviceThatIsNoNodeIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    for (String path : new String[] {file.toString(), dir.toString(), null}) {
      PluginConfig c = with(cf -> cf.devices.add(Configs.device("gpu", path))).build();
      assertThatThrownBy(() -> OciSpec.build(c, PluginSettings.initial(c), ROOTFS, RUNTIME_DIR,
          Optional.empty(), false))
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_START_FAILED))
          .hasMessageContaining("gpu");
    }
  }

  @Test
  void aDeviceDirectoryAddsEveryNodeBelowIt() {
    PluginConfig c = with(cf -> cf.devices.add(Configs.device("dev", "/dev"))).build();
    ObjectNode spec = OciSpec.build(c, PluginSettings.initial(c), ROOTFS, RUNTIME_DIR,
        Optional.empty(), false);
    List<String> paths = new ArrayList<>();
    spec.at("/linux/devices").forEach(n -> paths.add(n.path("path").asText()));
    assertThat(paths).contains("/dev/null", "/dev/zero");
    assertThat(spec.at("/linux/resources/devices").size()).isEqualTo(8 + paths.size());
  }

  @Test
  void aDeviceSymlinkIsFollowedAndKeepsItsPath(@TempDir Path dir) throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("mynull"), Path.of("/dev/null"));
    PluginConfig c = with(cf -> cf.devices.add(Configs.device("n", link.toString()))).build();
    ObjectNode spec = OciSpec.build(c, PluginSettings.initial(c), ROOTFS, RUNTIME_DIR,
        Optional.empty(), false);
    assertThat(spec.at("/linux/devices/0/path").asText()).isEqualTo(link.toString());
    assertThat(spec.at("/linux/devices/0/minor").asLong()).isEqualTo(3);
  }

  @Test
  void aPropagatedMountWithoutItsDirectoryIsMisuse() {
    PluginConfig c = with(cf -> cf.propagatedMount = "/data").build();
    assertThatThrownBy(() -> OciSpec.build(c, PluginSettings.initial(c), ROOTFS, RUNTIME_DIR,
        Optional.empty(), false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/data");
  }

  @Test
  void majorAndMinorDecodeLargeDeviceNumbers() {
    long dev = (0x123L << 8) | 0x45L | (0xabcdeL << 44) | (0x678L << 20);
    assertThat(HostDevices.major(dev)).isEqualTo(0x123L | (0xabcdeL << 12));
    assertThat(HostDevices.minor(dev)).isEqualTo(0x45L | (0x678L << 8));
  }

  static Configs with(Consumer<Configs> change) {
    Configs c = Configs.plugin();
    change.accept(c);
    return c;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static List<String> namespaces(JsonNode s) {
    List<String> out = new ArrayList<>();
    s.at("/linux/namespaces").forEach(n -> out.add(n.path("type").asText()));
    return out;
  }

  static List<String> destinations(JsonNode s) {
    List<String> out = new ArrayList<>();
    s.path("mounts").forEach(n -> out.add(n.path("destination").asText()));
    return out;
  }

  static List<String> sources(JsonNode s) {
    List<String> out = new ArrayList<>();
    s.path("mounts").forEach(n -> out.add(n.path("source").asText()));
    return out;
  }

  static List<JsonNode> mounts(JsonNode s, String destination) {
    List<JsonNode> out = new ArrayList<>();
    s.path("mounts").forEach(n -> {
      if (n.path("destination").asText().equals(destination)) {
        out.add(n);
      }
    });
    return out;
  }

  static JsonNode mount(JsonNode s, String destination) {
    List<JsonNode> m = mounts(s, destination);
    assertThat(m).as("mounts at " + destination).hasSize(1);
    return m.get(0);
  }

  static JsonNode rule(JsonNode rules, long major, long minor) {
    for (JsonNode r : rules) {
      if (r.path("major").asLong(-1) == major && r.path("minor").asLong(-1) == minor) {
        return r;
      }
    }
    throw new AssertionError("no device rule " + major + ":" + minor + " in " + rules);
  }
}
