package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Reference;
import dev.hangar.testkit.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from Debian's real registry onto a managed root that is a small tmpfs, so that the disk
 * really fills up: while a blob downloads, and while layers are unpacked. Skipped where a tmpfs
 * cannot be mounted (not root).
 */
class FullDiskTest {
  private static final long DISK = 8L << 20;

  @RegisterExtension static final LoopbackRegistry REGISTRY = new LoopbackRegistry();

  @TempDir Path tmp;
  private Tmpfs disk;
  private ManagedPlugins managed;
  private final List<ProgressMessage> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void mount() {
    disk = Tmpfs.mount(tmp.resolve("disk"), DISK).orElse(null);
    assumeTrue(disk != null, "cannot mount a tmpfs here (not root?)");
    managed = ManagedPlugins.open(ManagedSettings.defaults(disk.dir())
        .withRegistry(REGISTRY.client()));
  }

  @AfterEach
  void unmount() throws IOException {
    try {
      if (managed != null) {
        managed.close();
      }
    } finally {
      if (disk != null) {
        disk.close();
      }
    }
  }

  private PluginImages.Pushed push(String repoAndTag, byte[] layer) throws IOException {
    return PluginImages.push(REGISTRY.client(), tmp.resolve("work"),
        Reference.parse(REGISTRY.server().address() + "/" + repoAndTag), PluginImages.CONFIG,
        List.of(layer));
  }

  /** A layer of {@code size} bytes of {@code bin/p}, random (incompressible) or zeros. */
  private static byte[] layer(int size, boolean random) {
    byte[] content = new byte[size];
    if (random) {
      new Random(size).nextBytes(content);
    }
    return new PluginImages.Layer().dir("bin").file("bin/p", content).gzip();
  }

  private void assertNothingInstalled(String where) throws IOException {
    assertThat(managed.list()).as(where).isEmpty();
    assertThat(RootChecks.pluginDirs(disk.dir(), where)).as(where).isEmpty();
  }

  @Test
  void aBlobLargerThanTheFreeSpaceFailsDiskFullNamingItsReferenceAndKeepsNoPartial()
      throws Exception {
    PluginImages.Pushed img = push("team/big:1.0", layer(12 << 20, true));
    String ref = img.ref().toString();

    assertThatThrownBy(() -> managed.pull(PullRequest.of(ref, List.of()), progress::add))
        .isInstanceOf(HangarException.class)
        .hasMessageStartingWith("cannot install plugin " + ref + ": ")
        .hasMessageContaining(REGISTRY.server().address() + "/team/big@" + img.layers().get(0))
        .hasMessageContaining("no space left on device writing ")
        .hasMessageContaining(img.layers().get(0).hex() + ".partial; nothing was kept")
        .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.DISK_FULL);

    assertNothingInstalled("after the full disk");
    assertThat(RootChecks.verifiedBlobs(disk.dir(), false, "after the full disk"))
        .doesNotContain(img.layers().get(0).hex());

    disk.resize(64L << 20); // space freed
    ManagedPlugin p = managed.pull(PullRequest.of(ref, List.of()), progress::add);
    assertThat(Files.size(disk.dir().resolve("managed").resolve(p.id()).resolve("rootfs/bin/p")))
        .isEqualTo(12 << 20);
    assertThat(RootChecks.verifiedBlobs(disk.dir(), false, "after the retry"))
        .contains(img.layers().get(0).hex());
  }

  @Test
  void aRootfsLargerThanTheFreeSpaceFailsDiskFullAndTheRetryReusesTheVerifiedLayer()
      throws Exception {
    PluginImages.Pushed img = push("team/zeros:1.0", layer(12 << 20, false)); // gzips small

    assertThatThrownBy(() -> managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        progress::add))
        .isInstanceOf(HangarException.class)
        .hasMessageStartingWith("cannot install plugin " + img.ref() + ": ")
        .hasMessageContaining("bin/p")
        .hasMessageContaining("No space left on device")
        .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.DISK_FULL);

    assertNothingInstalled("after the full disk");
    assertThat(RootChecks.verifiedBlobs(disk.dir(), false, "after the full disk"))
        .contains(img.layers().get(0).hex());

    disk.resize(64L << 20);
    progress.clear();
    ManagedPlugin p = managed.pull(PullRequest.of(img.ref().toString(), List.of()),
        progress::add);
    assertThat(progress).extracting(ProgressMessage::status).contains("Already exists")
        .doesNotContain("Pulling fs layer");
    assertThat(Files.size(disk.dir().resolve("managed").resolve(p.id()).resolve("rootfs/bin/p")))
        .isEqualTo(12 << 20);
  }
}
