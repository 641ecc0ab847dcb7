package dev.hangar.managed.internal.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Reference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Remotes of pulls, as moby's plugin router reads them, and their registry references. */
class RemoteRefTest {
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  @Test
  void remotesNormaliseAsDockersRouterDoes() {
    RemoteRef r = References.remote("vieux/sshfs", "");
    assertThat(r.pluginReference()).isEqualTo("docker.io/vieux/sshfs:latest");
    assertThat(r.localName()).isEqualTo("vieux/sshfs:latest");
    assertThat(r.registry()).isEqualTo(Reference.ofTag("docker.io", "vieux/sshfs", "latest"));

    RemoteRef lib = References.remote("busybox:1", "");
    assertThat(lib.pluginReference()).isEqualTo("docker.io/library/busybox:1");
    assertThat(lib.localName()).isEqualTo("busybox:1");

    RemoteRef local = References.remote("127.0.0.1:5000/team/gp:1.0", "");
    assertThat(local.localName()).isEqualTo("127.0.0.1:5000/team/gp:1.0");
    assertThat(local.registry().registry()).isEqualTo("127.0.0.1:5000");
    assertThat(local.registry().repository()).isEqualTo("team/gp");
  }

  @Test
  void aDigestIsKeptTheTagDroppedFromTheRemoteAndKeptInTheName() {
    RemoteRef r = References.remote("localhost:5000/p:2@" + DIGEST, "");
    assertThat(r.pluginReference()).isEqualTo("localhost:5000/p@" + DIGEST);
    assertThat(r.localName()).isEqualTo("localhost:5000/p:2");
    assertThat(r.registry().tag()).isEmpty();
    assertThat(r.registry().digest().orElseThrow().toString()).isEqualTo(DIGEST);
    assertThat(References.remote("localhost:5000/p@" + DIGEST, "").localName())
        .isEqualTo("localhost:5000/p:latest");
  }

  @Test
  void anAliasIsNormalisedAndMayNotHoldADigest() {
    assertThat(References.remote("vieux/sshfs", "fs").localName()).isEqualTo("fs:latest");
    assertThat(References.remote("vieux/sshfs", "me/fs:2").localName()).isEqualTo("me/fs:2");
    assertThatThrownBy(() -> References.remote("vieux/sshfs", "fs@" + DIGEST))
        .hasMessage("cannot use digest in plugin tag");
    assertThatThrownBy(() -> References.remote("vieux/SSHFS", ""))
        .isInstanceOf(HangarException.class)
        .extracting(e -> ((HangarException) e).code()).isEqualTo(ErrorCode.INVALID_PLUGIN_NAME);
  }

  @Test
  void theRegistrysParserAgreesWithDockersNormalisation() {
    for (String s : List.of("alpine", "library/alpine:3", "docker.io/vieux/sshfs",
        "index.docker.io/vieux/sshfs:next", "localhost/p", "localhost:5000/a/b/c:1.0",
        "example.org/team/p", "127.0.0.1:5000/team/gp:1.0", "[::1]:5000/p:x",
        "127.0.0.1:5000/team/gp@" + DIGEST)) {
      Reference docker = References.remote(s, "").registry();
      Reference registry = Reference.parse(s.replace("index.docker.io", "docker.io"));
      if (registry.digest().isPresent()) {
        registry = Reference.ofDigest(registry.registry(), registry.repository(),
            registry.digest().get());
      }
      assertThat(registry).as(s).isEqualTo(docker);
    }
  }
}
