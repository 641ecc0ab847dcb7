package dev.hangar.managed.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeDirsTest {
  static final long UID = HostIds.euid();

  @TempDir Path tmp;

  @Test
  void asRootTheBaseIsUnderRunHangarKeyedBySha256OfTheRoot() throws Exception {
    Assumptions.assumeTrue(UID == 0, "needs root to create /run/hangar");
    Path root = tmp.resolve("root");
    RuntimeDirs d = RuntimeDirs.forRoot(root, true, Map.of());
    try {
      assertThat(d.base()).isEqualTo(Path.of("/run/hangar", sha8(root.toString())));
      assertThat(d.base()).isDirectory();
      assertThat(mode(d.base())).isEqualTo("rwx------");
    } finally {
      Files.deleteIfExists(d.base());
    }
  }

  @Test
  void withoutRootAnExistingXdgRuntimeDirIsUsed() throws Exception {
    Path xdg = Files.createDirectories(tmp.resolve("xdg"));
    Path root = tmp.resolve("root");
    RuntimeDirs d = RuntimeDirs.forRoot(root, false, Map.of("XDG_RUNTIME_DIR", xdg.toString()),
        tmp, UID);
    assertThat(d.base()).isEqualTo(xdg.resolve("hangar").resolve(sha8(root.toString())));
    assertThat(mode(d.base())).isEqualTo("rwx------");
  }

  @Test
  void withoutRootOrXdgTheBaseIsAPrivateDirInTmp() throws Exception {
    Path root = tmp.resolve("root");
    for (Map<String, String> env : List.of(Map.<String, String>of(),
        Map.of("XDG_RUNTIME_DIR", tmp.resolve("missing").toString()))) {
      RuntimeDirs d = RuntimeDirs.forRoot(root, false, env, tmp, UID);
      Path mine = tmp.resolve("hangar-" + UID);
      assertThat(d.base()).isEqualTo(mine.resolve(sha8(root.toString())));
      assertThat(mode(mine)).isEqualTo("rwx------");
      assertThat(d.base()).isDirectory();
    }
  }

  @Test
  void aTmpDirOwnedBySomeoneElseIsRefused() throws Exception {
    Assumptions.assumeTrue(UID == 0, "needs root to give a directory away");
    Path theirs = Files.createDirectory(tmp.resolve("hangar-" + UID));
    UserPrincipal nobody = tmp.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName("nobody");
    Files.setOwner(theirs, nobody);
    assertThatThrownBy(() -> RuntimeDirs.forRoot(tmp.resolve("root"), false, Map.of(), tmp, UID))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR))
        .hasMessageContaining(theirs.toString()).hasMessageContaining("owned by");
  }

  @Test
  void aTmpSymlinkIsRefused() throws Exception {
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(tmp.resolve("hangar-" + UID), elsewhere);
    assertThatThrownBy(() -> RuntimeDirs.forRoot(tmp.resolve("root"), false, Map.of(), tmp, UID))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR))
        .hasMessageContaining("symbolic link");
  }

  @Test
  void aTmpDirOfOursWithLoosePermissionsIsTightened() throws Exception {
    Path mine = Files.createDirectory(tmp.resolve("hangar-" + UID));
    Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwxrwxrwx"));
    RuntimeDirs.forRoot(tmp.resolve("root"), false, Map.of(), tmp, UID);
    assertThat(mode(mine)).isEqualTo("rwx------");
  }

  @Test
  void theKeyIsTheNormalizedAbsoluteRoot() {
    RuntimeDirs a = RuntimeDirs.forRoot(tmp.resolve("r"), false, Map.of(), tmp, UID);
    RuntimeDirs b = RuntimeDirs.forRoot(tmp.resolve("x/../r"), false, Map.of(), tmp, UID);
    RuntimeDirs c = RuntimeDirs.forRoot(tmp.resolve("s"), false, Map.of(), tmp, UID);
    assertThat(b).isEqualTo(a);
    assertThat(c).isNotEqualTo(a);
    assertThat(a.base().getFileName().toString()).matches("[0-9a-f]{8}");
  }

  @Test
  void pluginDirIsTheFirst12CharsOfTheIdAndRuncStateIsBesideIt() {
    RuntimeDirs d = new RuntimeDirs(Path.of("/run/hangar/0a1b2c3d"));
    String id = "5f4dcc3b5aa765d61d8327deb882cf99" + "5f4dcc3b5aa765d61d8327deb882cf99";
    assertThat(d.pluginDir(id)).isEqualTo(Path.of("/run/hangar/0a1b2c3d/5f4dcc3b5aa7"));
    assertThat(d.pluginDir("short")).isEqualTo(Path.of("/run/hangar/0a1b2c3d/short"));
    assertThat(d.runtimeState()).isEqualTo(Path.of("/run/hangar/0a1b2c3d/runc"));
    assertThatThrownBy(() -> d.pluginDir("../x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSocketPathOf108BytesOrMoreIsRefusedNamingPathAndLimit() {
    Path ok = Path.of("/" + "a".repeat(106));
    RuntimeDirs.checkSocketPath(ok);
    Path tooLong = Path.of("/" + "a".repeat(107));
    assertThatThrownBy(() -> RuntimeDirs.checkSocketPath(tooLong))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_START_FAILED))
        .hasMessageContaining(tooLong.toString()).hasMessageContaining("108");
    Path multiByte = Path.of("/" + "é".repeat(54));
    assertThatThrownBy(() -> RuntimeDirs.checkSocketPath(multiByte))
        .isInstanceOf(HangarException.class);
  }

  @Test
  void theBaseOfAnyRootLeavesRoomForSocketNames() {
    Path deepRoot = tmp.resolve("a".repeat(200)).resolve("b".repeat(200));
    RuntimeDirs d = RuntimeDirs.forRoot(deepRoot, false, Map.of(), tmp, UID);
    assertThat(d.base()).isEqualTo(tmp.resolve("hangar-" + UID).resolve(d.base().getFileName()));
    assertThat(d.base().getFileName().toString()).hasSize(8);
  }

  private static String sha8(String s) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d).substring(0, 8);
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
