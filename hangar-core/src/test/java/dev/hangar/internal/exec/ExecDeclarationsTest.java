package dev.hangar.internal.exec;

import static dev.hangar.internal.exec.DeclFixtures.exe;
import static dev.hangar.internal.exec.DeclFixtures.quoted;
import static dev.hangar.internal.exec.DeclFixtures.script;
import static dev.hangar.internal.exec.DeclFixtures.toml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.exec.ExecDomain;
import dev.hangar.protocol.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading declarations that are right, and how files and domains are ordered and refused. */
class ExecDeclarationsTest {
  @TempDir Path dir;

  @Test
  void readsCore0sOwnPluginTomlVerbatimIgnoringExtensionAndStartupTables() throws Exception {
    Path bin = exe(dir, "image/bin/ovs-plugin");
    Path file = toml(dir, "exec/.plugin.toml", """
        [plugin.ovs]
        path    = %s
        exports = ["version"]
        queue   = true

        [extension.ovs-cmd]
        binary = "/usr/bin/ovs-vsctl"
        args = ["{name}"]

        [startup."ovs.init"]
        name = "bash"
        after = ["init"]

        [startup."ovs.init".args]
        script = "mkdir -p /usr/var/run/openvswitch"
        """.formatted(quoted(bin)));

    ExecScan scan = ExecDeclarations.scan(List.of(dir.resolve("exec")));

    assertThat(scan.errors()).isEmpty();
    assertThat(scan.domains()).containsExactly(new ExecDomain("ovs", bin, List.of("version"), true,
        false, ExecDomain.DEFAULT_TIMEOUT, 0, Map.of(), null, null, file, 1));
    assertThat(scan.domain("ovs")).isPresent();
    assertThat(scan.domain("nope")).isEmpty();
    assertThat(scan.clean()).isTrue();
  }

  @Test
  void readsEveryKeyResolvingARelativePathAgainstTheFilesDirectory() {
    Path bin = exe(dir, "plugins/bin/tool");
    Path file = toml(dir, "exec/sub/all.plugin.toml", """
        # every key
        [plugin.all]
        path = "../../plugins/./bin/tool"
        exports = ["version", "bridge.add", "_private"]
        timeout = "1m30s"
        process_group = true
        max_restart = 3
        sha256 = "SHA256:%s"
        description = "all keys"

        [plugin.all.env]
        ZED = "z"
        A_1 = "a=b"
        """.formatted("AB".repeat(32)));

    ExecScan scan = ExecDeclarations.scan(List.of(dir.resolve("exec/sub")));

    assertThat(scan.errors()).isEmpty();
    ExecDomain d = scan.domains().get(0);
    assertThat(d.path()).isEqualTo(bin).isAbsolute();
    assertThat(d.exports()).containsExactly("version", "bridge.add", "_private");
    assertThat(d.queue()).isFalse();
    assertThat(d.processGroup()).isTrue();
    assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(d.maxRestart()).isEqualTo(3);
    assertThat(d.env()).containsExactly(Map.entry("A_1", "a=b"), Map.entry("ZED", "z"));
    assertThat(d.sha256()).isEqualTo("ab".repeat(32));
    assertThat(d.description()).isEqualTo("all keys");
    assertThat(d.source()).isEqualTo(file);
    assertThat(d.line()).isEqualTo(2);
  }

  @Test
  void acceptsTimeoutsAsIntegerSecondsAndDigestsWithoutPrefix() {
    exe(dir, "t");
    toml(dir, "a.plugin.toml", """
        [plugin.a]
        path = "t"
        exports = ["m"]
        timeout = 5
        sha256 = "%s"
        """.formatted("0f".repeat(32)));

    ExecDomain d = ExecDeclarations.scan(List.of(dir)).domains().get(0);

    assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.sha256()).isEqualTo("0f".repeat(32));
  }

  @Test
  void aSymlinkedFileResolvesRelativePathsAgainstTheLinksDirectory() throws Exception {
    Path bin = exe(dir, "exec/bin/t");
    Path real = toml(dir, "elsewhere/real.toml",
        "[plugin.a]\npath = \"bin/t\"\nexports = [\"m\"]\n");
    Path link = Files.createSymbolicLink(dir.resolve("exec/a.plugin.toml"), real);

    ExecScan scan = ExecDeclarations.scan(List.of(dir.resolve("exec")));

    assertThat(scan.errors()).isEmpty();
    assertThat(scan.domains()).singleElement().satisfies(d -> {
      assertThat(d.path()).isEqualTo(bin);
      assertThat(d.source()).isEqualTo(link);
    });
  }

  @Test
  void anExecuteBitForAnyoneMakesAFileExecutableAndNoExecuteBitRefusesIt() {
    script(dir, "ownerOnly", "r-x------");
    script(dir, "none", "rw-rw-rw-");
    toml(dir, "x.plugin.toml", """
        [plugin.owner]
        path = "ownerOnly"
        exports = ["m"]

        [plugin.none]
        path = "none"
        exports = ["m"]
        """);

    ExecScan scan = ExecDeclarations.scan(List.of(dir));

    // as root too: access(X_OK) needs at least one execute bit
    assertThat(scan.domains()).extracting(ExecDomain::name).containsExactly("owner");
    assertThat(scan.errors()).singleElement().satisfies(e -> {
      assertThat(e.key()).isEqualTo("plugin.none.path");
      assertThat(e.line()).isEqualTo(6);
      assertThat(e.message()).contains("is not executable");
    });
  }

  @Test
  void ordersByDirectoryThenFileNameThenLine() {
    Path d1 = dir.resolve("d1");
    Path d2 = dir.resolve("d2");
    Path bin = exe(dir, "bin/t");
    String path = "path = " + quoted(bin) + "\nexports = [\"m\"]\n";
    toml(d1, "b.plugin.toml", "[plugin.z]\n" + path + "[plugin.y]\n" + path);
    toml(d1, "a.plugin.toml", "[plugin.x]\n" + path);
    toml(d1, ".plugin.toml", "[plugin.w]\n" + path);
    toml(d2, "a.plugin.toml", "[plugin.v]\n" + path);

    ExecScan scan = ExecDeclarations.scan(List.of(d2, dir.resolve("missing"), d1, d2));

    assertThat(scan.errors()).isEmpty();
    assertThat(scan.domains()).extracting(ExecDomain::name)
        .containsExactly("v", "w", "x", "z", "y");
  }

  @Test
  void readsOnlyPluginTomlFilesAndReportsOnesThatAreNotFiles() throws Exception {
    Path bin = exe(dir, "bin/t");
    String decl = "path = " + quoted(bin) + "\nexports = [\"m\"]\n";
    Path exec = dir.resolve("exec");
    toml(exec, "ok.plugin.toml", "[plugin.ok]\n" + decl);
    toml(exec, "plugin.toml", "[plugin.no1]\n" + decl);
    toml(exec, "x.plugin.toml.bak", "[plugin.no2]\n" + decl);
    toml(exec, ".hidden.plugin.toml", "[plugin.no3]\n" + decl);
    toml(exec, "x.plugin.tomlx", "[plugin.no4]\n" + decl);
    Files.createDirectories(exec.resolve("dir.plugin.toml"));
    Files.createSymbolicLink(exec.resolve("gone.plugin.toml"), exec.resolve("gone"));

    ExecScan scan = ExecDeclarations.scan(List.of(exec));

    assertThat(scan.domains()).extracting(ExecDomain::name).containsExactly("ok");
    assertThat(scan.errors()).map(ExecDeclarationError::toString).containsExactly(
        exec.resolve("dir.plugin.toml") + ": is a directory",
        exec.resolve("gone.plugin.toml") + ": cannot be read (a dangling symbolic link?)");
  }

  @Test
  void aMissingDirectoryIsNothingAndAFileGivenAsDirectoryIsAnError() {
    Path file = toml(dir, "notadir", "");

    ExecScan scan = ExecDeclarations.scan(List.of(dir.resolve("missing"), file));

    assertThat(scan.domains()).isEmpty();
    assertThat(scan.errors()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.line()).isZero();
      assertThat(e.key()).isNull();
      assertThat(e.message()).isEqualTo("exec directory is not a directory");
    });
  }

  @Test
  void aDomainDeclaredInTwoFilesIsRefusedInBothNamingEachOther() {
    Path bin = exe(dir, "bin/t");
    String decl = "path = " + quoted(bin) + "\nexports = [\"m\"]\n";
    Path a = toml(dir, "d1/a.plugin.toml", "[plugin.keep]\n" + decl + "\n[plugin.dup]\n" + decl);
    Path b = toml(dir, "d2/b.plugin.toml", "# other\n[plugin.dup]\n" + decl);

    ExecScan scan = ExecDeclarations.scan(List.of(dir.resolve("d1"), dir.resolve("d2")));

    assertThat(scan.domains()).extracting(ExecDomain::name).containsExactly("keep");
    assertThat(scan.errors()).containsExactly(
        new ExecDeclarationError(a, 5, "plugin.dup",
            "domain 'dup' is also declared at " + b + ":2; all its declarations are refused"),
        new ExecDeclarationError(b, 2, "plugin.dup",
            "domain 'dup' is also declared at " + a + ":5; all its declarations are refused"));
  }

  @Test
  void aBadDomainLeavesTheFilesOtherDomainsAndOtherFilesAlone() {
    Path bin = exe(dir, "bin/t");
    String decl = "path = " + quoted(bin) + "\nexports = [\"m\"]\n";
    toml(dir, "a.plugin.toml", "[plugin.good]\n" + decl + "[plugin.bad]\npath = \"nope\"\n"
        + "exports = []\n[plugin.good2]\n" + decl);
    toml(dir, "b.plugin.toml", "[plugin.broken\n" + decl);
    toml(dir, "c.plugin.toml", "[plugin.other]\n" + decl);

    ExecScan scan = ExecDeclarations.scan(List.of(dir));

    assertThat(scan.domains()).extracting(ExecDomain::name)
        .containsExactly("good", "good2", "other");
    assertThat(scan.errors()).extracting(ExecDeclarationError::line, ExecDeclarationError::key)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(5, "plugin.bad.path"),
            org.assertj.core.groups.Tuple.tuple(6, "plugin.bad.exports"),
            org.assertj.core.groups.Tuple.tuple(1, null));
  }

  @Test
  void anErrorBecomesAnExceptionWithTheDeclarationCode() {
    ExecDeclarationError e = new ExecDeclarationError(dir, 3, "plugin.a.path", "missing");

    assertThat(e.toException().code()).isEqualTo(ErrorCode.EXEC_DECLARATION_INVALID);
    assertThat(e.toException()).hasMessage(dir + ":3: plugin.a.path: missing");
    assertThat(new ExecDeclarationError(dir, 0, null, "x").toException()).hasMessage(dir + ": x");
  }
}
