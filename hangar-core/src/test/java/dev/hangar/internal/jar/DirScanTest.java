package dev.hangar.internal.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirScanTest {
  @TempDir Path dir;

  @Test
  void stampedScanListsRegularJarsOnlyInNameOrderWithTheirOptionsFiles() throws Exception {
    Files.writeString(dir.resolve("b-x-plugin-b.jar"), "b");
    Files.writeString(dir.resolve("a-x-plugin-a.jar"), "a");
    Files.writeString(dir.resolve("a-x-plugin-a.properties"), "k=v\n");
    Files.createDirectory(dir.resolve("c-x-plugin-c.jar"));
    Files.writeString(dir.resolve("README.txt"), "not a jar");

    List<DirScan.Found> found = DirScan.scan(List.of(dir, dir.resolve("missing")), true);

    assertThat(found).extracting(f -> f.jar().getFileName().toString())
        .containsExactly("a-x-plugin-a.jar", "b-x-plugin-b.jar");
    assertThat(found.get(0).options()).isEqualTo(dir.resolve("a-x-plugin-a.properties").toAbsolutePath());
    assertThat(found.get(1).options()).isNull();
    assertThat(found).allSatisfy(f -> assertThat(f.stamp())
        .isNotIn(DirScan.UNSTAMPED, DirScan.NOT_A_FILE).isEqualTo(DirScan.stamp(f)));
  }

  @Test
  void unstampedScanLeavesTheStatToStampWhichRefusesWhatIsNotARegularFile() throws Exception {
    Files.writeString(dir.resolve("a-x-plugin-a.jar"), "a");
    Files.createDirectory(dir.resolve("c-x-plugin-c.jar"));

    List<DirScan.Found> found = DirScan.scan(List.of(dir), false);

    assertThat(found).extracting(DirScan.Found::stamp).containsOnly(DirScan.UNSTAMPED);
    assertThat(DirScan.stamp(found.get(0))).isNotIn(DirScan.UNSTAMPED, DirScan.NOT_A_FILE)
        .isEqualTo(DirScan.scan(List.of(dir), true).get(0).stamp());
    assertThat(DirScan.stamp(found.get(1))).isEqualTo(DirScan.NOT_A_FILE);
  }

  @Test
  void stampChangesWithTheJarAndWithItsOptionsFile() throws Exception {
    Path jar = dir.resolve("a-x-plugin-a.jar");
    Files.writeString(jar, "a");
    long first = DirScan.scan(List.of(dir), true).get(0).stamp();
    Files.writeString(jar, "ab");
    long second = DirScan.scan(List.of(dir), true).get(0).stamp();
    Files.writeString(dir.resolve("a-x-plugin-a.properties"), "k=v\n");
    long third = DirScan.scan(List.of(dir), true).get(0).stamp();

    assertThat(second).isNotEqualTo(first);
    assertThat(third).isNotEqualTo(second);
  }

  @Test
  void aDirectoryNamedLikeAJarIsNeverListedByTheRegistry() throws Exception {
    Files.createDirectory(dir.resolve("c-x-plugin-c.jar"));
    try (JarPluginRegistry r = new JarPluginRegistry(List.of(dir), f -> Map.of(),
        Duration.ofSeconds(5))) {
      assertThat(r.list()).isEmpty();
      r.sync(false);
      assertThat(r.list()).isEmpty();
      r.sync(true);
      assertThat(r.list()).isEmpty();
    }
  }
}
