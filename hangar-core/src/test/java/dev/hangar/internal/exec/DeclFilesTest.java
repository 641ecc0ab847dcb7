package dev.hangar.internal.exec;

import static dev.hangar.internal.exec.DeclFixtures.bytes;
import static dev.hangar.internal.exec.DeclFixtures.exe;
import static dev.hangar.internal.exec.DeclFixtures.toml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.exec.ExecDomain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-level limits and encodings: size, UTF-8, byte order mark, line ends, nesting. */
class DeclFilesTest {
  private static final String DECL = "[plugin.a]\npath = \"t\"\nexports = [\"m\"]\n";

  @TempDir Path dir;

  @Test
  void aFileOverOneMebibyteIsRefusedWithoutParsing() {
    byte[] big = new byte[DeclFiles.MAX_FILE_SIZE + 1];
    Arrays.fill(big, (byte) '#');
    Path file = bytes(dir, "big.plugin.toml", big);
    exe(dir, "t");
    byte[] justFits = new byte[DeclFiles.MAX_FILE_SIZE];
    Arrays.fill(justFits, (byte) ' ');
    byte[] decl = DECL.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(decl, 0, justFits, 0, decl.length);
    bytes(dir, "fits.plugin.toml", justFits);

    ExecScan scan = ExecDeclarations.scan(List.of(dir));

    assertThat(scan.domains()).extracting(ExecDomain::name).containsExactly("a");
    assertThat(scan.errors()).containsExactly(new ExecDeclarationError(file, 0, null,
        "is larger than the limit of 1048576 bytes (1 MiB)"));
  }

  @Test
  void bytesThatAreNotUtf8AreReportedWithTheirLine() {
    byte[] text = "[plugin.a]\ndescription = \"x\u00ffy\"\n".getBytes(StandardCharsets.ISO_8859_1);
    Path file = bytes(dir, "latin1.plugin.toml", text);

    ExecScan scan = ExecDeclarations.scan(List.of(dir));

    assertThat(scan.domains()).isEmpty();
    assertThat(scan.errors()).containsExactly(
        new ExecDeclarationError(file, 2, null, "is not valid UTF-8 (byte offset 27)"));
  }

  @Test
  void acceptsAByteOrderMarkCrLfLineEndsAndNonAsciiText() {
    exe(dir, "t");
    toml(dir, "a.plugin.toml", "\uFEFF# caf\u00e9\r\n" + DECL.replace("\n", "\r\n")
        + "description = \"\u00fcber \u2603\"\r\n");

    ExecScan scan = ExecDeclarations.scan(List.of(dir));

    assertThat(scan.errors()).isEmpty();
    assertThat(scan.domains()).singleElement().satisfies(d -> {
      assertThat(d.description()).isEqualTo("\u00fcber \u2603");
      assertThat(d.line()).isEqualTo(2);
    });
  }

  @Test
  void anEmptyFileOrAnEmptyPluginTableDeclaresNothing() {
    toml(dir, "empty.plugin.toml", "");
    toml(dir, "x.plugin.toml", "# nothing yet\n[plugin]\n");

    ExecScan scan = ExecDeclarations.scan(List.of(dir));

    assertThat(scan.domains()).isEmpty();
    assertThat(scan.errors()).isEmpty();
  }

  @Test
  void valuesNestedTooDeeplyForTheParserAreASyntaxErrorNotACrash() {
    exe(dir, "t");
    Path file = toml(dir, "deep.plugin.toml",
        DECL + "description = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
    toml(dir, "ok.plugin.toml", DECL.replace("plugin.a", "plugin.b"));

    ExecScan scan = ExecDeclarations.scan(List.of(dir));

    assertThat(scan.domains()).extracting(ExecDomain::name).containsExactly("b");
    assertThat(scan.errors()).containsExactly(new ExecDeclarationError(file, 0, null,
        "TOML syntax error: arrays or inline tables nested too deeply"));
  }

  @Test
  void aSyntaxErrorCountsTheOthers() {
    Path file = toml(dir, "bad.plugin.toml", "[plugin.a]\npath = 1\n[plugin.a]\npath = 2\n");

    ExecScan scan = ExecDeclarations.scan(List.of(dir));

    assertThat(scan.errors()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.line()).isEqualTo(3);
      assertThat(e.key()).isEqualTo("plugin.a");
      assertThat(e.message()).isEqualTo("TOML syntax error: plugin.a previously defined at line 1,"
          + " column 1 (and 1 more)");
    });
  }

  @Test
  void namesThatCountAsDeclarationFiles() {
    assertThat(DeclFiles.matches(".plugin.toml")).isTrue();
    assertThat(DeclFiles.matches("ovs.plugin.toml")).isTrue();
    assertThat(DeclFiles.matches("a.b.plugin.toml")).isTrue();
    assertThat(DeclFiles.matches(".ovs.plugin.toml")).isFalse();
    assertThat(DeclFiles.matches(".#ovs.plugin.toml")).isFalse();
    assertThat(DeclFiles.matches("plugin.toml")).isFalse();
    assertThat(DeclFiles.matches("ovs.plugin.toml~")).isFalse();
    assertThat(DeclFiles.matches("ovs.PLUGIN.TOML")).isFalse();
  }
}
