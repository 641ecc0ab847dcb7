package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecFailedException;
import dev.hangar.exec.ExecResult;
import dev.hangar.exec.ResultKind;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exec plugins through {@link PluginHost}: calls, the registry entries, lookups, rescans. */
class ExecHostTest {
  @TempDir Path root;
  private Path exec;
  private Path script;

  @BeforeEach
  void declare() throws IOException {
    exec = Files.createDirectories(root.resolve("exec"));
    // argv[1] the method, argv[2] the arguments; the marker file proves whether it ran
    script = script("t.sh", "echo ran >> \"$(dirname \"$0\")/ran\"\n"
        + "case \"$1\" in\n"
        + "  version) printf '20:::\"1.0alpha\"\\n:::' ;;\n"
        + "  echo) printf '20::%s\\n' \"$2\" ;;\n"
        + "  text) printf '23:::hello\\nworld\\n:::\\n' ;;\n"
        + "  quiet) ;;\n"
        + "  fail) printf '20:::\"no bridge\"\\n:::'; exit 1 ;;\n"
        + "esac");
    Files.writeString(exec.resolve("t.plugin.toml"), "[plugin.t]\npath = \"t.sh\"\n"
        + "exports = [\"version\", \"echo\", \"text\", \"quiet\", \"fail\", \"bridge.add\"]\n");
  }

  private Path script(String name, String body) throws IOException {
    Path p = exec.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private PluginHost host() {
    return PluginHost.builder().dirs(DiscoveryDirs.defaults(root))
        .pluginDirs(List.of(root.resolve("plugins"))).execDirs(List.of(exec)).build();
  }

  @Test
  void execRunsTheDomainsMethodAndReturnsEachKindOfResult() {
    try (PluginHost host = host()) {
      assertThat(host.exec("t.version", null))
          .isEqualTo(new ExecResult.Json(com.fasterxml.jackson.databind.node.TextNode.valueOf("1.0alpha")));
      ExecResult echo = host.exec("t.echo", "{\"a\":[1,2]}");
      assertThat(((ExecResult.Json) echo).value().get("a").get(1).asInt()).isEqualTo(2);
      assertThat(host.exec("t.text", "{}")).isEqualTo(new ExecResult.Text(ResultKind.HRD, "hello\nworld"));
      assertThat(host.exec("t.quiet", null)).isInstanceOf(ExecResult.None.class);
    }
  }

  @Test
  void aFailedCallCarriesTheDomainMethodAndThePluginsError() {
    try (PluginHost host = host()) {
      assertThatThrownBy(() -> host.exec("t.fail", "{}"))
          .isInstanceOfSatisfying(ExecFailedException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.EXEC_FAILED);
            assertThat(e.exitStatus()).isEqualTo(1);
            assertThat(e.getMessage()).isEqualTo("exec plugin t: t.fail: exit status 1: no bridge");
          });
    }
  }

  @Test
  void anUnknownDomainIsNotFoundNamingTheExecDirs() {
    try (PluginHost host = host()) {
      assertThatThrownBy(() -> host.exec("ovs.version", null))
          .isInstanceOfSatisfying(PluginNotFoundException.class, e -> {
            assertThat(e.plugin()).isEqualTo("ovs");
            assertThat(e.getMessage()).contains("exec plugin ovs not found").contains(exec.toString());
          });
      assertThatThrownBy(() -> host.exec("noDot", null)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void anUnexportedMethodIsRefusedWithoutStartingAProcess() {
    try (PluginHost host = host()) {
      assertThatThrownBy(() -> host.exec("t.rm", "{}"))
          .isInstanceOfSatisfying(HangarException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.METHOD_NOT_FOUND);
            assertThat(e.getMessage()).contains("t.rm").contains("version, echo");
          });
      assertThat(exec.resolve("ran")).doesNotExist();
    }
  }

  @Test
  void theCommandIsSplitAtTheFirstDot() throws IOException {
    Files.writeString(script, "#!/bin/sh\nprintf '20::\"%s\"\\n' \"$1\"\n");
    try (PluginHost host = host()) {
      assertThat(host.exec("t.bridge.add", null).toString()).contains("bridge.add");
    }
  }

  @Test
  void listAndInspectShowExecPluginsBesideSocketPlugins() throws IOException {
    Files.writeString(exec.resolve("bad.plugin.toml"), "[plugin.bad]\npath = \"nosuch\"\n"
        + "exports = [\"x\"]\n");
    try (PluginHost host = host()) {
      List<PluginInfo> all = host.list();
      assertThat(all).extracting(PluginInfo::name).containsExactly("bad", "t");
      PluginInfo t = all.get(1);
      assertThat(t.kind()).isEqualTo(PluginInfo.EXEC);
      assertThat(t.address()).isEqualTo(script.toString());
      assertThat(t.implementsList()).startsWith("version", "echo");
      assertThat(t.state()).isEqualTo(PluginState.ACTIVE);
      assertThat(t.source()).isEqualTo(exec.resolve("t.plugin.toml"));
      PluginInfo bad = all.get(0);
      assertThat(bad.state()).isEqualTo(PluginState.FAILED);
      assertThat(bad.error()).contains(exec.resolve("bad.plugin.toml") + ":2: plugin.bad.path");

      assertThat(host.inspect("t")).isEqualTo(t);
      assertThat(host.inspect("bad")).isEqualTo(bad);
      assertThatThrownBy(() -> host.inspect("nosuch")).isInstanceOf(PluginNotFoundException.class)
          .hasMessageContaining(exec.toString());

      assertThatThrownBy(() -> host.exec("bad.x", null)).isInstanceOfSatisfying(
          HangarException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EXEC_DECLARATION_INVALID));
      assertThat(host.execs().errors()).singleElement()
          .extracting(Throwable::getMessage).asString().contains("bad.plugin.toml:2");
    }
  }

  @Test
  void capabilityLookupMatchesExportsAndRescanSeesNewDeclarations() throws IOException {
    try (PluginHost host = host()) {
      assertThat(host.execs().exporting("version")).extracting(ExecDomain::name).containsExactly("t");
      assertThat(host.execs().exporting("nosuch")).isEmpty();
      Files.writeString(exec.resolve("u.plugin.toml"), "[plugin.u]\npath = \"t.sh\"\n"
          + "exports = [\"version\"]\n");
      assertThat(host.execs().find("u")).as("scanned once, lazily").isEmpty();
      assertThat(host.execs().reload()).extracting(ExecDomain::name).containsExactly("t", "u");
      assertThat(host.exec("u.version", null)).isInstanceOf(ExecResult.Json.class);
    }
  }

  @Test
  void theDefaultExecDirIsUnderTheRoot() {
    try (PluginHost host = PluginHost.builder().dirs(DiscoveryDirs.defaults(root)).build()) {
      assertThat(host.execs().dirs()).singleElement().asString().endsWith("/exec");
    }
    PluginHost closed = host();
    closed.close();
    assertThatThrownBy(() -> closed.exec("t.version", null)).isInstanceOf(IllegalStateException.class);
  }
}
