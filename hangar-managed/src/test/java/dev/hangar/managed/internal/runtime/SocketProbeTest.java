package dev.hangar.managed.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.ShortTempDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SocketProbeTest {
  final ShortTempDir tmp = new ShortTempDir();
  final Path socket = tmp.resolve("p.sock");

  @AfterEach
  void cleanUp() throws IOException {
    tmp.close();
  }

  @Test
  void aListeningSocketCounts() throws Exception {
    try (ServerSocketChannel server = listen(socket)) {
      assertThat(SocketProbe.await(socket, later(), () -> true)).isTrue();
    }
  }

  @Test
  void aStaleSocketFileDoesNotCount() throws Exception {
    ShortTempDir.deadSocket(socket);
    assertThat(socket).exists();
    assertThat(SocketProbe.await(socket, Instant.now().plusMillis(200), () -> true)).isFalse();
  }

  @Test
  void aMissingSocketDoesNotCount() {
    assertThat(SocketProbe.await(socket, Instant.now().plusMillis(100), () -> true)).isFalse();
  }

  @Test
  void aSocketThatStartsListeningLaterIsFound() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    AtomicReference<ServerSocketChannel> server = new AtomicReference<>();
    try {
      boolean found = SocketProbe.await(socket, later(), () -> {
        if (asked.incrementAndGet() == 5) {
          server.set(listen(socket));
        }
        return true;
      });
      assertThat(found).isTrue();
      assertThat(asked).hasValue(5);
    } finally {
      if (server.get() != null) {
        server.get().close();
      }
    }
  }

  @Test
  void aDeadProcessEndsTheWait() {
    AtomicInteger asked = new AtomicInteger();
    boolean found = SocketProbe.await(socket, later(), () -> asked.incrementAndGet() < 4);
    assertThat(found).isFalse();
    assertThat(asked).hasValue(4);
  }

  @Test
  void aDeadProcessIsNotTakenForListeningEvenWithASocket() throws Exception {
    try (ServerSocketChannel server = listen(socket)) {
      assertThat(SocketProbe.await(socket, later(), () -> false)).isFalse();
    }
  }

  @Test
  void aSocketPathTooLongIsRefused() {
    Path deep = tmp.resolve("d".repeat(120));
    assertThatThrownBy(() -> SocketProbe.await(deep, later(), () -> true))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_START_FAILED));
  }

  private static Instant later() {
    return Instant.now().plus(Duration.ofMinutes(1));
  }

  private static ServerSocketChannel listen(Path path) {
    try {
      Files.deleteIfExists(path);
      ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      s.bind(UnixDomainSocketAddress.of(path));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
