package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.internal.Json;
import dev.hangar.testkit.RecordedRequest;
import dev.hangar.testkit.ShortTempDir;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The managed plugin commands, through {@code Main.run}, against a fake daemon. */
class ManagedCommandsTest {
  private static final String NL = System.lineSeparator();

  private ShortTempDir dir;
  private Path root;
  private FakeDaemon daemon;

  @BeforeEach
  void start() throws Exception {
    dir = new ShortTempDir();
    root = dir.path();
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    dir.close();
  }

  /** Runs the CLI with the fake daemon at the root's default address. */
  private CliTest.Run run(String... args) throws Exception {
    if (daemon == null) {
      daemon = new FakeDaemon(root.resolve("hangar.sock"));
    }
    return CliTest.run(root, null, args);
  }

  @Test
  void lsAddsTheDaemonsManagedPluginsWithHangarsState() throws Exception {
    CliTest.Run r = run("plugin", "ls", "--format", "json");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode a = Json.MAPPER.readTree(r.out());
    assertThat(a).hasSize(2);
    JsonNode sshfs = a.get(0);
    assertThat(sshfs.get("name").asText()).isEqualTo("vieux/sshfs:latest");
    assertThat(sshfs.get("kind").asText()).isEqualTo("managed");
    assertThat(sshfs.get("implements").get(0).asText()).isEqualTo("docker.volumedriver/1.0");
    assertThat(sshfs.get("state").asText()).isEqualTo("restarting");
    assertThat(sshfs.get("enabled").asBoolean()).isTrue();
    assertThat(sshfs.get("id").asText()).isEqualTo(FakeDaemon.SSHFS_ID);
    assertThat(sshfs.get("error").isNull()).isTrue();
    assertThat(a.get(1).get("state").asText()).isEqualTo("failed");
    assertThat(a.get(1).get("error").asText()).isEqualTo("exited 5 times within 60s");

    CliTest.Run table = run("plugin", "ls");
    assertThat(table.out()).containsPattern(
        "(?m)^vieux/sshfs:latest +managed +- +docker.volumedriver/1.0 +restarting$");
    assertThat(daemon.calls()).extracting(c -> c.target())
        .as("one small request per ls, no ping").containsExactly("/hangar/v1/plugins",
            "/hangar/v1/plugins");
  }

  @Test
  void lsOfADockerDaemonReadsDockersPluginObjects() throws Exception {
    daemon = new FakeDaemon(root.resolve("hangar.sock"), true);
    CliTest.Run r = run("plugin", "ls", "--format", "json");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode a = Json.MAPPER.readTree(r.out());
    assertThat(a).hasSize(2);
    assertThat(a.get(0).get("name").asText()).isEqualTo("vieux/sshfs:latest");
    assertThat(a.get(0).get("implements").get(0).asText()).isEqualTo("docker.volumedriver/1.0");
    assertThat(a.get(0).get("state").asText()).as("Docker's Enabled").isEqualTo("enabled");
    assertThat(a.get(1).get("state").asText()).isEqualTo("disabled");
    assertThat(daemon.calls()).extracting(c -> c.target())
        .containsExactly("/hangar/v1/plugins", "/v1.41/plugins");
  }

  @Test
  void atTheDefaultAddressNoDaemonMeansOnlyTheOtherKinds() {
    ShortTempDir.deadSocket(root.resolve("hangar.sock"));
    CliTest.Run r = CliTest.run(root, null, "plugin", "ls", "--format", "json");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isEqualTo("[ ]");
    CliTest.Run i = CliTest.run(root, null, "plugin", "inspect", "nosuch");
    assertThat(i.err()).startsWith("Error: plugin nosuch not found: ");
  }

  @Test
  void anAddressTheUserGaveMustAnswer() {
    Path none = root.resolve("none.sock");
    String message = "Error: Cannot connect to the Hangar daemon at unix://" + none
        + ": is 'hangar daemon' running?" + NL;
    CliTest.Run r = CliTest.run(root, null, "-H", "unix://" + none, "plugin", "ls");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).isEqualTo(message);
    CliTest.Run env = CliTest.runWithEnv(root, Map.of("HANGAR_HOST", "unix://" + none), null,
        "plugin", "inspect", "x");
    assertThat(env.exit()).isEqualTo(1);
    assertThat(env.err()).isEqualTo(message);
    CliTest.Run enable = CliTest.run(root, null, "plugin", "enable", "x");
    assertThat(enable.exit()).isEqualTo(1);
    assertThat(enable.err()).isEqualTo("Error: Cannot connect to the Hangar daemon at unix://"
        + root.resolve("hangar.sock") + ": is 'hangar daemon' running?" + NL);
  }

  @Test
  void twoHostsAreAUsageErrorForTheClient() {
    CliTest.Run r = CliTest.run(root, null, "-H", "unix:///a", "-H", "unix:///b", "plugin",
        "enable", "x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Specify only one -H");
    CliTest.Run bad = CliTest.run(root, null, "-H", "http://x", "plugin", "enable", "x");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("invalid daemon address \"http://x\"");
  }

  @Test
  void createSendsTheDirectoryAsATarAndPrintsTheName() throws Exception {
    Path pkg = dir.resolve("pkg");
    Files.createDirectories(pkg.resolve("rootfs/bin"));
    Files.writeString(pkg.resolve("config.json"), "{\"Entrypoint\":[\"/bin/plugin\"]}");
    Path bin = Files.writeString(pkg.resolve("rootfs/bin/plugin"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(pkg.resolve("rootfs/bin/sh"), Path.of("plugin"));
    Files.createLink(pkg.resolve("rootfs/bin/again"), bin);

    CliTest.Run r = run("plugin", "create", "vieux/sshfs", pkg.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("vieux/sshfs" + NL);
    RecordedRequest req = daemon.last();
    assertThat(req.requestLine())
        .isEqualTo("POST /v1.41/plugins/create?name=vieux%2Fsshfs HTTP/1.1");
    assertThat(req.header("Content-Type")).contains("application/x-tar");
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new ByteArrayInputStream(req.body()))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        names.add(e.getName());
        switch (e.getName()) {
          case "rootfs/bin/again" -> assertThat(e.getMode()).isEqualTo(0750);
          case "rootfs/bin/plugin" -> {
            assertThat(e.isLink()).as("the second path of a file is a link to the first")
                .isTrue();
            assertThat(e.getLinkName()).isEqualTo("rootfs/bin/again");
          }
          case "rootfs/bin/sh" -> assertThat(e.getLinkName()).isEqualTo("plugin");
          case "config.json" -> assertThat(new String(tar.readAllBytes()))
              .isEqualTo("{\"Entrypoint\":[\"/bin/plugin\"]}");
          default -> assertThat(e.isDirectory()).as(e.getName()).isTrue();
        }
      }
    }
    assertThat(names).containsExactly("config.json", "rootfs/", "rootfs/bin/",
        "rootfs/bin/again", "rootfs/bin/plugin", "rootfs/bin/sh");

    CliTest.Run gz = run("plugin", "create", "--compress", "x", pkg.toString());
    assertThat(gz.exit()).as(gz.toString()).isZero();
    assertThat(daemon.last().body()).startsWith(0x1f, 0x8b);
  }

  @Test
  void createSendsATarFileAsItIsAndRefusesADirectoryWithoutConfig() throws Exception {
    Path tar = Files.write(dir.resolve("p.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
    CliTest.Run r = run("plugin", "create", "p", tar.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(daemon.last().body()).containsExactly(0x1f, 0x8b, 8, 0, 1, 2);

    Path empty = Files.createDirectories(dir.resolve("empty"));
    int before = daemon.calls().size();
    CliTest.Run bad = run("plugin", "create", "p", empty.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("Error: config not found: no config.json in " + empty + NL);
    assertThat(daemon.calls()).hasSize(before);
  }

  @Test
  void pushSendsTheCredentialsOfThePluginsRegistryAskingTheDaemonOnlyForAnId() throws Exception {
    Files.createDirectories(root.resolve(".docker"));
    Files.writeString(root.resolve(".docker/config.json"), "{\"auths\":{\"127.0.0.1:5000\":"
        + "{\"auth\":\"" + java.util.Base64.getEncoder().encodeToString("alice:s3cret"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}}}");

    CliTest.Run byName = run("plugin", "push", FakeDaemon.REMOTE_NAME);
    List<RecordedRequest> named = daemon.calls();
    CliTest.Run byId = run("plugin", "push", "fed222");
    List<RecordedRequest> byIdCalls = daemon.calls().subList(named.size(),
        daemon.calls().size());

    assertThat(byName.exit()).as(byName.err()).isZero();
    assertThat(byName.out()).contains("The push refers to repository [127.0.0.1:5000/team/vol]");
    // a name that names its registry is pushed as it is, as docker plugin push does
    assertThat(named).extracting(RecordedRequest::target)
        .containsExactly("/v1.41/plugins/127.0.0.1:5000/team/vol:1.0/push");
    assertThat(byId.exit()).as(byId.err()).isZero();
    // an ID prefix: the daemon is asked which plugin, hence which registry, it is
    assertThat(byIdCalls).extracting(RecordedRequest::target)
        .containsExactly("/v1.41/plugins/fed222/json", "/v1.41/plugins/fed222/push");
    for (RecordedRequest push : List.of(named.get(0), byIdCalls.get(1))) {
      JsonNode auth = Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(
          push.header("X-Registry-Auth").orElseThrow()));
      assertThat(auth.path("username").asText()).as(push.target()).isEqualTo("alice");
      assertThat(auth.path("password").asText()).isEqualTo("s3cret");
    }
  }

  @Test
  void enableDisableAndRmPrintTheNameTheyWereGiven() throws Exception {
    CliTest.Run e = run("plugin", "enable", "vieux/sshfs");
    assertThat(e.out()).isEqualTo("vieux/sshfs" + NL);
    assertThat(daemon.last().target()).isEqualTo("/v1.41/plugins/vieux/sshfs/enable?timeout=30");
    run("plugin", "enable", "--timeout", "5", "vieux/sshfs:latest");
    assertThat(daemon.last().target())
        .isEqualTo("/v1.41/plugins/vieux/sshfs:latest/enable?timeout=5");
    CliTest.Run d = run("plugin", "disable", "-f", FakeDaemon.SSHFS_ID);
    assertThat(d.out()).isEqualTo(FakeDaemon.SSHFS_ID + NL);
    assertThat(daemon.last().target())
        .isEqualTo("/v1.41/plugins/" + FakeDaemon.SSHFS_ID + "/disable?force=1");
    CliTest.Run rm = run("plugin", "remove", "--force", "vieux/sshfs", "abc");
    assertThat(rm.exit()).as(rm.toString()).isZero();
    assertThat(rm.out()).isEqualTo("vieux/sshfs" + NL + "abc" + NL);
    assertThat(daemon.last().requestLine()).isEqualTo("DELETE /v1.41/plugins/abc?force=1 HTTP/1.1");
  }

  @Test
  void rmGoesOnAfterAFailureAndReportsEveryOne() throws Exception {
    CliTest.Run r = run("plugin", "rm", "nosuch", "vieux/sshfs", "busy");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("vieux/sshfs" + NL);
    assertThat(r.err()).isEqualTo("Error: plugin \"nosuch\" not found" + NL
        + "plugin busy:latest is in use" + NL);
  }

  @Test
  void theDaemonsErrorIsPrintedWithItsCodesExitStatus() throws Exception {
    CliTest.Run busy = run("plugin", "disable", "busy");
    assertThat(busy.exit()).isEqualTo(1);
    assertThat(busy.err()).isEqualTo("Error: plugin busy:latest is in use" + NL);
    assertThat(busy.out()).isEmpty();
    CliTest.Run bad = run("plugin", "enable", "Bad");
    assertThat(bad.exit()).as("INVALID_PLUGIN_NAME is a usage error").isEqualTo(2);
    assertThat(bad.err()).startsWith("Error: invalid reference format");
  }

  @Test
  void setSendsTheSettingsAndPrintsNothing() throws Exception {
    CliTest.Run r = run("plugin", "set", "vieux/sshfs", "DEBUG=1", "args=a b");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(daemon.last().bodyText()).isEqualTo("[\"DEBUG=1\",\"args=a b\"]");
    assertThat(run("plugin", "set", "vieux/sshfs").exit()).as("no setting").isEqualTo(2);
  }

  @Test
  void logsWritesStdoutLinesToStdoutAndStderrLinesToStderr() throws Exception {
    CliTest.Run r = run("plugin", "logs", "--tail", "5", "--since", "1700000000", "vieux/sshfs");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("out line\n");
    assertThat(r.err()).isEqualTo("err line\n");
    assertThat(daemon.last().target())
        .isEqualTo("/hangar/v1/plugins/vieux/sshfs/logs?since=1700000000&tail=5");
    CliTest.Run t = run("plugin", "logs", "-t", "vieux/sshfs");
    assertThat(t.out()).isEqualTo("t1 out line\n");
    assertThat(run("plugin", "logs", "--tail", "x", "vieux/sshfs").exit()).isEqualTo(2);
  }

  @Test
  void inspectFindsAManagedPluginByNameWithoutItsTag() throws Exception {
    CliTest.Run r = run("plugin", "inspect", "vieux/sshfs");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode o = Json.MAPPER.readTree(r.out());
    assertThat(o.get("name").asText()).isEqualTo("vieux/sshfs:latest");
    assertThat(o.get("kind").asText()).isEqualTo("managed");
    assertThat(o.get("state").asText()).isEqualTo("restarting");
    assertThat(o.get("source").asText()).isEqualTo("unix://" + root.resolve("hangar.sock"));
    assertThat(o.get("plugin").get("Config").get("Description").asText()).isEqualTo("sshFS");
    CliTest.Run byId = run("plugin", "inspect", "--kind", "managed", FakeDaemon.SSHFS_ID);
    assertThat(Json.MAPPER.readTree(byId.out()).get("name").asText())
        .isEqualTo("vieux/sshfs:latest");
  }

  @Test
  void anIdPrefixGivesWayToAPluginOfAnotherKindOfThatName() throws Exception {
    CliTest.Run alone = run("plugin", "inspect", "abc");
    assertThat(alone.exit()).as(alone.toString()).isZero();
    assertThat(Json.MAPPER.readTree(alone.out()).get("kind").asText()).isEqualTo("managed");

    Files.createDirectories(root.resolve("specs"));
    Files.writeString(root.resolve("specs/abc.spec"), "tcp://127.0.0.1:9\n");
    CliTest.Run r = run("--retry", "0", "--timeout", "2s", "plugin", "inspect", "abc");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Json.MAPPER.readTree(r.out()).get("kind").asText()).isEqualTo("socket");
  }

  @Test
  void callGoesThroughTheRelayAndPrintsTheReplyBytesExactly() throws Exception {
    CliTest.Run r = run("plugin", "call", "vieux/sshfs", "VolumeDriver.List", "{ }");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(FakeDaemon.CALL_REPLY);
    RecordedRequest req = daemon.last();
    assertThat(req.requestLine()).isEqualTo("POST /hangar/v1/plugins/" + FakeDaemon.SSHFS_ID
        + "/call/VolumeDriver.List HTTP/1.1");
    assertThat(req.bodyText()).isEqualTo("{ }");
    CliTest.Run prefix = run("plugin", "call", "abc", "VolumeDriver.List");
    assertThat(prefix.out()).isEqualTo(FakeDaemon.CALL_REPLY);
    assertThat(daemon.last().body()).isEmpty();
  }

  @Test
  void privilegesArePrintedInDockersWords() throws Exception {
    CliTest.Run r = run("plugin", "privileges", "vieux/sshfs");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("Plugin \"vieux/sshfs\" is requesting the following "
        + "privileges:" + NL + " - network: [host]" + NL + " - mount: [/a /b]" + NL);
    CliTest.Run j = run("plugin", "privileges", "--format", "json", "vieux/sshfs");
    assertThat(Json.MAPPER.readTree(j.out()).get(1).get("Value").get(1).asText())
        .isEqualTo("/b");
  }
}
