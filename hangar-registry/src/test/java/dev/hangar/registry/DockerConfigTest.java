package dev.hangar.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's config.json read, written and erased as the docker CLI does. */
class DockerConfigTest {
  @TempDir Path dir;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes());
  }

  @Test
  void authsEntriesAreFoundByHostAndDockerHubByItsIndexKey() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"auths\":{"
        + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:pw") + "\"},"
        + "\"https://reg.example:5000/v2/\":{\"auth\":\"" + b64("u:p:with:colons") + "\"},"
        + "\"tok.example\":{\"identitytoken\":\"refresh\"},"
        + "\"empty.example\":{}}}");
    DockerConfig c = DockerConfig.of(dir, List.of());
    assertThat(c.lookup("docker.io")).contains(new Credentials.Basic("hub", "pw"));
    assertThat(c.lookup("reg.example:5000"))
        .contains(new Credentials.Basic("u", "p:with:colons"));
    assertThat(c.lookup("tok.example")).contains(new Credentials.IdentityToken("refresh"));
    assertThat(c.lookup("empty.example")).isEmpty();
    assertThat(c.lookup("other.example")).isEmpty();
  }

  @Test
  void aMissingFileMeansNoCredentialsAndABrokenOneIsCredentialsInvalid() throws Exception {
    assertThat(DockerConfig.of(dir, List.of()).lookup("x.example")).isEmpty();
    Files.writeString(dir.resolve("config.json"), "{\"auths\": {");
    assertThatThrownBy(() -> DockerConfig.of(dir, List.of()).lookup("x.example"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_INVALID))
        .hasMessageContaining(dir.resolve("config.json").toString());
    Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"x.example\":{\"auth\":\""
        + b64("nocolon") + "\"}}}");
    assertThatThrownBy(() -> DockerConfig.of(dir, List.of()).lookup("x.example"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_INVALID))
        .hasMessageContaining("auths[\"x.example\"].auth");
  }

  @Test
  void aFileJacksonTakesForUtf32IsCredentialsInvalidNotAnIoError() throws Exception {
    // found by DockerConfigFuzzTest: Jackson's decoding error was reported as IO_ERROR
    Files.write(dir.resolve("config.json"),
        ")\0\0\0\0\0\0\0,uths\"".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> DockerConfig.of(dir, List.of()).lookup("x.example"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_INVALID))
        .hasMessageStartingWith(dir.resolve("config.json") + ": loading config file: ");
  }

  @Test
  void aFileOverSixteenMebibytesIsCredentialsInvalidWithoutBeingReadWhole() throws Exception {
    byte[] big = new byte[(16 << 20) + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    Files.write(dir.resolve("config.json"), big);
    assertThatThrownBy(() -> DockerConfig.of(dir, List.of()).lookup("x.example"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_INVALID))
        .hasMessage(dir.resolve("config.json") + ": loading config file: larger than "
            + (16 << 20) + " bytes");
  }

  @Test
  void loginWritesAuthKeepingEveryOtherKeyAtomicallyWithMode0600() throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\n\t\"psFormat\": \"table {{.ID}}\",\n\t\"auths\": {\n"
        + "\t\t\"keep.example\": {\"auth\": \"" + b64("k:v") + "\"}\n\t},\n"
        + "\t\"proxies\": {\"default\": {\"httpProxy\": \"http://p:3128\"}},\n"
        + "\t\"unknownFuture\": [1, 2, {\"x\": null}]\n}\n");
    DockerConfig c = DockerConfig.of(dir, List.of());
    c.store("reg.example:5000", new Credentials.Basic("alice", "s3cret"));

    JsonNode n = new ObjectMapper().readTree(file.toFile());
    assertThat(n.path("auths").path("reg.example:5000").path("auth").asText())
        .isEqualTo(b64("alice:s3cret"));
    assertThat(n.path("auths").path("keep.example").path("auth").asText()).isEqualTo(b64("k:v"));
    assertThat(n.path("psFormat").asText()).isEqualTo("table {{.ID}}");
    assertThat(n.path("proxies").path("default").path("httpProxy").asText())
        .isEqualTo("http://p:3128");
    assertThat(n.path("unknownFuture").toString()).isEqualTo("[1,2,{\"x\":null}]");
    assertThat(Files.readString(file)).startsWith("{\n\t\"psFormat\": ");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("config.json");
    }
    assertThat(c.lookup("reg.example:5000")).contains(new Credentials.Basic("alice", "s3cret"));

    assertThat(c.erase("reg.example:5000")).isTrue();
    assertThat(c.erase("reg.example:5000")).isFalse();
    assertThat(c.lookup("reg.example:5000")).isEmpty();
    assertThat(c.lookup("keep.example")).contains(new Credentials.Basic("k", "v"));
    assertThat(new ObjectMapper().readTree(file.toFile()).path("proxies").isObject()).isTrue();
  }

  @Test
  void loginCreatesTheDirectoryAndDockerHubIsKeyedByItsIndexUrl() throws Exception {
    Path nested = dir.resolve("a/b");
    DockerConfig c = DockerConfig.of(nested, List.of());
    c.store("docker.io", new Credentials.Basic("hub", "pw"));
    assertThat(new ObjectMapper().readTree(nested.resolve("config.json").toFile())
        .path("auths").has("https://index.docker.io/v1/")).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
        .isEqualTo("rwx------");
  }

  @Test
  void withAHelperLoginStoresThroughItAndLeavesAnEmptyEntry() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path stored = dir.resolve("stored");
    Path helper = bin.resolve("docker-credential-test");
    Files.writeString(helper, "#!/bin/sh\ncase \"$1\" in\n"
        + "store) cat > " + stored + ";;\n"
        + "erase) rm -f " + stored + ";;\n"
        + "get) if [ -f " + stored + " ]; then cat " + stored + "; else "
        + "echo 'credentials not found in native keychain'; exit 1; fi;;\n"
        + "esac\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path cfgDir = Files.createDirectories(dir.resolve("cfg"));
    Files.writeString(cfgDir.resolve("config.json"), "{\"credsStore\":\"test\"}");
    DockerConfig c = DockerConfig.of(cfgDir, List.of(dir.resolve("no-such-dir"), bin));

    c.store("reg.example", new Credentials.Basic("alice", "s3cret"));
    JsonNode in = new ObjectMapper().readTree(stored.toFile());
    assertThat(in.path("ServerURL").asText()).isEqualTo("reg.example");
    assertThat(in.path("Username").asText()).isEqualTo("alice");
    assertThat(in.path("Secret").asText()).isEqualTo("s3cret");
    assertThat(new ObjectMapper().readTree(cfgDir.resolve("config.json").toFile())
        .path("auths").path("reg.example").toString()).isEqualTo("{}");
    assertThat(c.lookup("reg.example")).contains(new Credentials.Basic("alice", "s3cret"));

    c.store("reg.example", new Credentials.IdentityToken("refresh"));
    assertThat(c.lookup("reg.example")).contains(new Credentials.IdentityToken("refresh"));

    c.erase("reg.example");
    assertThat(stored).doesNotExist();
    assertThat(c.lookup("reg.example")).isEmpty();
  }

  @Test
  void aHelperNotOnThePathIsSkippedAndAFailingOneIsCredentialsInvalid() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"credHelpers\":{\"reg.example\":\"absent\","
        + "\"bad.example\":\"broken\"},\"auths\":{\"reg.example\":{\"auth\":\"" + b64("f:g")
        + "\"}}}");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path broken = bin.resolve("docker-credential-broken");
    Files.writeString(broken, "#!/bin/sh\necho 'keychain is locked' >&2\nexit 3\n");
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
    DockerConfig c = DockerConfig.of(dir, List.of(bin));
    assertThat(c.lookup("reg.example")).contains(new Credentials.Basic("f", "g"));
    assertThatThrownBy(() -> c.lookup("bad.example"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_INVALID))
        .hasMessageContaining("docker-credential-broken")
        .hasMessageContaining("exit status 3")
        .hasMessageContaining("keychain is locked");
  }

  @Test
  void callerCredentialsComeFirstThenTheFile() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"a.example\":{\"auth\":\""
        + b64("file:pw") + "\"}}}");
    CredentialSource s = CredentialSource.of("b.example", new Credentials.RegistryToken("t"))
        .orElse(DockerConfig.of(dir, List.of()));
    assertThat(s.lookup("b.example")).contains(new Credentials.RegistryToken("t"));
    assertThat(s.lookup("a.example")).contains(new Credentials.Basic("file", "pw"));
    assertThat(s.lookup("c.example")).isEqualTo(Optional.empty());
  }
}
