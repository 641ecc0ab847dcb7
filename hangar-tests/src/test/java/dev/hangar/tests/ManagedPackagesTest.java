package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.RecordedRequest;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.ShortTempDir;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packages the managed-plugin tests create: Docker's config, a rootfs the goplugin binary
 * runs in alone, and tars entry for entry as the stock {@code docker plugin create} sends them
 * (checked against the CLI itself, talking to a recording server). Needs Go and the docker CLI.
 */
class ManagedPackagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ShortTempDir tmp;

  @BeforeEach
  void setUp() {
    GoPrograms.build();
    tmp = new ShortTempDir();
  }

  @AfterEach
  void tearDown() throws IOException {
    tmp.close();
  }

  @Test
  void thePackageHoldsDockersConfigAndARootfsForTheStaticGoPlugin() throws IOException {
    Path dir = ManagedPackages.goPlugin().busybox().writeDir(tmp.resolve("pkg"));

    JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
    assertThat(config.at("/Interface/Types/0").asText()).isEqualTo("docker.volumedriver/1.0");
    assertThat(config.at("/Interface/Socket").asText()).isEqualTo("gp.sock");
    assertThat(config.at("/Entrypoint/0").asText()).isEqualTo("/bin/goplugin");
    assertThat(config.at("/Network/Type").asText()).isEmpty();
    assertThat(config.get("Env")).hasSize(1);
    assertThat(config.at("/Env/0/Name").asText()).isEqualTo("DEBUG");
    assertThat(config.at("/Env/0/Settable/0").asText()).isEqualTo("value");
    assertThat(config.at("/Env/0/Value").asText()).isEqualTo("0");

    Path rootfs = dir.resolve("rootfs");
    for (String d : ManagedPackages.ROOTFS_DIRS) {
      assertThat(rootfs.resolve(d)).isDirectory();
    }
    assertThat(rootfs.resolve("etc/hosts")).isEmptyFile();
    assertThat(rootfs.resolve("etc/resolv.conf")).isEmptyFile();
    Path bin = rootfs.resolve("bin/goplugin");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bin)))
        .isEqualTo("rwxr-xr-x");
    Command.Result file = Command.run(List.of("sh", "-c", "od -An -c -N4 \"$0\"", bin.toString()),
        tmp.path(), java.util.Map.of(), Duration.ofSeconds(10));
    assertThat(file.stdout()).contains("E   L   F");
    assertThat(Files.readSymbolicLink(rootfs.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
    assertThat(rootfs.resolve("bin/busybox")).isRegularFile();
  }

  @Test
  void theBuilderWritesTheConfigATestAsksFor() {
    JsonNode config = ManagedPackages.goPlugin().types("docker.authz/1.0").socket("x.sock")
        .entrypoint("/bin/goplugin", "-data", "/state").network("host").env("DEBUG", "1")
        .fixedEnv("GOPLUGIN_EXIT_AFTER_MS", "50").bindMount("state", null, "/state", "rbind")
        .args("args", "a", "b").field("PidHost", "true").config();
    assertThat(config.at("/Interface/Types").toString()).isEqualTo("[\"docker.authz/1.0\"]");
    assertThat(config.at("/Interface/Socket").asText()).isEqualTo("x.sock");
    assertThat(config.get("Entrypoint").toString())
        .isEqualTo("[\"/bin/goplugin\",\"-data\",\"/state\"]");
    assertThat(config.at("/Network/Type").asText()).isEqualTo("host");
    assertThat(config.get("Env").toString()).isEqualTo(
        "[{\"Name\":\"DEBUG\",\"Description\":\"\",\"Settable\":[\"value\"],\"Value\":\"1\"},"
            + "{\"Name\":\"GOPLUGIN_EXIT_AFTER_MS\",\"Description\":\"\",\"Settable\":[],"
            + "\"Value\":\"50\"}]");
    assertThat(config.at("/Mounts/0/Source").isNull()).isTrue();
    assertThat(config.at("/Mounts/0/Settable").toString()).isEqualTo("[\"source\"]");
    assertThat(config.at("/Args/Value").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(config.get("PidHost").asBoolean()).isTrue();
  }

  @Test
  void theTarsHoldWhatDockerPluginCreateSends() throws IOException {
    ManagedPackages.Builder pkg = ManagedPackages.goPlugin().busybox();
    Path tar = pkg.writeTar(tmp.resolve("pkg"), tmp.resolve("pkg.tar"));
    Path tarGz = pkg.writeTarGz(tmp.resolve("pkg2"), tmp.resolve("pkg.tar.gz"));
    List<String> ours = entries(Files.newInputStream(tar));
    assertThat(ours).contains("config.json 644", "rootfs/ 755", "rootfs/bin/goplugin 755",
        "rootfs/bin/sh 777 -> busybox", "rootfs/run/docker/plugins/ 755", "rootfs/etc/hosts 644");
    assertThat(entries(new GzipCompressorInputStream(Files.newInputStream(tarGz))))
        .isEqualTo(ours);

    try (RawPluginServer engine = RawPluginServer.unix(tmp.resolve("engine.sock"),
        r -> r.target().endsWith("/_ping") ? ping(r.method()) : Reply.json(204, ""))) {
      engine.recordLimit(64 << 20);
      DockerCli docker = DockerCli.at(tmp.resolve("engine.sock"), tmp.path());
      Command.Result r = docker.run("plugin", "create", "gp", tmp.resolve("pkg").toString());
      assertThat(r.exitCode()).as(r.describe()).isZero();
      RecordedRequest create = engine.requests().stream()
          .filter(q -> q.target().contains("/plugins/create")).findFirst().orElseThrow();
      assertThat(create.target()).endsWith("/plugins/create?name=gp");
      assertThat(create.bodyComplete()).isTrue();
      assertThat(entries(new ByteArrayInputStream(create.body()))).isEqualTo(ours);
    }
  }

  /** The daemon's ping reply: {@code OK} to GET, no body to HEAD. */
  private static Reply ping(String method) {
    String body = method.equals("HEAD") ? "" : "OK";
    return Reply.raw("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nOstype: linux\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: "
        + (method.equals("HEAD") ? 0 : body.length()) + "\r\n\r\n" + body);
  }

  /** {@code <name> <octal mode>[ -> <link>]} of every entry, in order. */
  private static List<String> entries(InputStream raw) throws IOException {
    List<String> out = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(raw)) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        out.add(e.getName() + " " + Integer.toOctalString(e.getMode())
            + (e.isSymbolicLink() ? " -> " + e.getLinkName() : ""));
      }
    }
    return out;
  }
}
