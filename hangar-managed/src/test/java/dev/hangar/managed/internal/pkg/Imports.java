package dev.hangar.managed.internal.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared helpers of the importer's tests. */
final class Imports {
  private Imports() {}

  /** Default limits except {@code maxBytes}, ownership not kept. */
  static ImportRules rules(long maxBytes) {
    return ImportRules.defaults(maxBytes, false);
  }

  static byte[] fromTar(byte[] tar, Path staging) {
    return PackageImporter.fromStream(new ByteArrayInputStream(tar), staging, rules(1 << 20));
  }

  /** Asserts PACKAGE_INVALID with a message holding every fragment, and no staging left. */
  static void assertRefused(ThrowingCallable call, Path staging, String... fragments) {
    assertThatThrownBy(call).isInstanceOfSatisfying(HangarException.class, e -> {
      assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.PACKAGE_INVALID);
      assertThat(e.getMessage()).contains(fragments);
    });
    assertThat(staging).doesNotExist();
  }

  static void assertTarRefused(byte[] tar, Path staging, String... fragments) {
    assertRefused(() -> fromTar(tar, staging), staging, fragments);
  }

  static int mode(Path p) {
    try {
      return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int uid(Path p) {
    try {
      return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean runningAsRoot(Path anyFileWeCreated) {
    return uid(anyFileWeCreated) == 0;
  }
}
