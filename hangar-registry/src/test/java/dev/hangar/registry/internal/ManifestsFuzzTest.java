package dev.hangar.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.registry.Descriptor;
import dev.hangar.registry.ImageManifest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.Platform;
import dev.hangar.registry.RawManifest;
import dev.hangar.registry.RegistryException;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the reading of what a registry sends as a manifest: its media type, then an image
 * manifest's config and layers, or a list's entries and the platform's pick. For any bytes the
 * result is a manifest or a {@link RegistryException} with MANIFEST_INVALID (or
 * MANIFEST_NOT_FOUND when a list has no entry for the platform), never another exception.
 * Seeds are Docker's and OCI's manifests and indexes as registries serve them.
 */
class ManifestsFuzzTest {
  private static final Subject MANIFEST =
      new Subject(Subject.Kind.MANIFEST, "127.0.0.1:5000", "team/vol", "1.0");

  @FuzzTest
  @Timeout(10)
  void manifest(byte[] input) {
    try {
      String type = Manifests.mediaType(MANIFEST, Optional.of(MediaTypes.DOCKER_MANIFEST), input);
      RawManifest raw = RawManifest.of(type, input);
      if (MediaTypes.isIndex(type)) {
        Descriptor d = Manifests.pick(MANIFEST, raw, Platform.LINUX_AMD64);
        assertThat(d.size()).isNotNegative();
      } else {
        ImageManifest m = Manifests.image(MANIFEST, raw, Optional.empty());
        assertThat(m.layers()).doesNotContainNull();
      }
    } catch (RegistryException e) {
      assertThat(e.code()).isIn(ErrorCode.MANIFEST_INVALID, ErrorCode.MANIFEST_NOT_FOUND);
    }
  }
}
