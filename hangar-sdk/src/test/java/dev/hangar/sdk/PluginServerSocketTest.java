package dev.hangar.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.testkit.ShortTempDir;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.volume.VolumeDriver;
import dev.hangar.sdk.RawHttp.Reply;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The unix socket and spec file lifecycle of the server. */
class PluginServerSocketTest {
  private final ShortTempDir dir = new ShortTempDir();

  @AfterEach
  void cleanUp() throws IOException {
    dir.close();
  }

  private PluginServer start(Path socket) {
    return PluginServer.builder().serve(VolumeDriver.class, new RecordingVolumeDriver())
        .unixSocket(socket).start();
  }

  @Test
  void socketIsCreatedWithMode0600AndNothingElseIsLeftBeside() throws IOException {
    Path socket = dir.resolve("p.sock");
    try (PluginServer server = start(socket)) {
      assertThat(Files.getPosixFilePermissions(socket))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      try (var entries = Files.list(dir.path())) {
        assertThat(entries).containsExactly(socket);
      }
      assertThat(server.address().url()).isEqualTo("unix://" + socket);
    }
  }

  @Test
  void socketPermissionsCanBeWidenedOnPurpose() throws IOException {
    Path socket = dir.resolve("p.sock");
    try (PluginServer server = PluginServer.builder()
        .socketPermissions(PosixFilePermissions.fromString("rw-rw----"))
        .unixSocket(socket).start()) {
      assertThat(Files.getPosixFilePermissions(socket))
          .isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
    }
  }

  @Test
  void parentDirectoryIsCreated() throws IOException {
    Path socket = dir.resolve("a/b/p.sock");
    try (PluginServer server = start(socket)) {
      assertThat(RawHttp.post(socket, "/Plugin.Activate", "").status()).isEqualTo(200);
    }
  }

  @Test
  void socketPathTooLongIsRejectedUpFront() {
    Path socket = dir.resolve("x".repeat(120) + ".sock");

    assertThatThrownBy(() -> PluginServer.builder().unixSocket(socket))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
  }

  @Test
  void socketNearTheLengthLimitStillWorks() throws IOException {
    int room = 106 - (dir.path().toString().length() + 1);
    Path socket = dir.resolve("s".repeat(room));
    try (PluginServer server = start(socket)) {
      assertThat(RawHttp.post(socket, "/Plugin.Activate", "").status()).isEqualTo(200);
      assertThat(Files.getPosixFilePermissions(socket))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void staleSocketIsReplaced() throws IOException {
    Path socket = dir.resolve("p.sock");
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isTrue();

    try (PluginServer server = start(socket)) {
      Reply r = RawHttp.post(socket, "/Plugin.Activate", "");

      assertThat(r.text()).isEqualTo("{\"Implements\":[\"VolumeDriver\"]}\n");
    }
  }

  @Test
  void liveSocketIsNeverStolen() throws IOException {
    Path socket = dir.resolve("p.sock");
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(UnixDomainSocketAddress.of(socket));
      Object inode = Files.readAttributes(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS);

      assertThatThrownBy(() -> start(socket))
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SOCKET_IN_USE))
          .hasMessageContaining(socket.toString());
      assertThat(Files.readAttributes(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS))
          .isEqualTo(inode);
    }
  }

  @Test
  void secondServerOnTheSameSocketFailsAndTheFirstKeepsServing() throws IOException {
    Path socket = dir.resolve("p.sock");
    try (PluginServer first = start(socket)) {
      assertThatThrownBy(() -> start(socket)).isInstanceOf(HangarException.class);

      assertThat(RawHttp.post(socket, "/Plugin.Activate", "").status()).isEqualTo(200);
    }
  }

  @Test
  void nonSocketFileIsLeftAlone() throws IOException {
    Path socket = dir.resolve("p.sock");
    Files.writeString(socket, "precious");

    assertThatThrownBy(() -> start(socket))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SPEC_INVALID))
        .hasMessageContaining("not a socket");
    assertThat(Files.readString(socket)).isEqualTo("precious");
  }

  @Test
  void symlinkAtTheSocketPathIsLeftAlone() throws IOException {
    Path target = dir.resolve("elsewhere");
    Files.writeString(target, "precious");
    Path socket = dir.resolve("p.sock");
    Files.createSymbolicLink(socket, target);

    assertThatThrownBy(() -> start(socket)).isInstanceOf(HangarException.class);
    assertThat(Files.isSymbolicLink(socket)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("precious");
  }

  @Test
  void closeRemovesTheSocketAndIsIdempotent() throws IOException {
    Path socket = dir.resolve("p.sock");
    PluginServer server = start(socket);

    server.close();
    server.close();

    assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThatThrownBy(() -> RawHttp.post(socket, "/Plugin.Activate", ""))
        .isInstanceOf(IOException.class);
  }

  @Test
  void closeLeavesAloneASocketThatIsNoLongerItsOwn() throws IOException {
    Path socket = dir.resolve("p.sock");
    PluginServer server = start(socket);
    Files.delete(socket);
    try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      other.bind(UnixDomainSocketAddress.of(socket));

      server.close();

      assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
  }

  @Test
  void specFileIsWrittenAtomicallyAndRemovedOnClose() throws IOException {
    Path socket = dir.resolve("p.sock");
    Path specs = dir.resolve("specs");
    Path spec;
    try (PluginServer server = start(socket)) {
      spec = server.writeSpec(specs, "myplugin");

      assertThat(spec).isEqualTo(specs.resolve("myplugin.spec"));
      assertThat(Files.readString(spec, StandardCharsets.UTF_8)).isEqualTo("unix://" + socket);
      try (var entries = Files.list(specs)) {
        assertThat(entries).containsExactly(spec);
      }
    }
    assertThat(spec).doesNotExist();
  }

  @Test
  void specFileNameIsValidated() {
    try (PluginServer server = start(dir.resolve("p.sock"))) {
      for (String bad : new String[] {"", "..", "../x", "a/b", ".hidden", "a b"}) {
        assertThatThrownBy(() -> server.writeSpec(dir.path(), bad))
            .isInstanceOfSatisfying(HangarException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLUGIN_NAME));
      }
    }
  }

  @Test
  void closeLetsAnInFlightRequestFinishButRemovesTheSocketAtOnce() throws Exception {
    Path socket = dir.resolve("p.sock");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PluginServer server = PluginServer.builder()
        .handle("Slow.Call", body -> {
          entered.countDown();
          release.await();
          return java.util.Map.of("done", true);
        })
        .gracePeriod(Duration.ofSeconds(20))
        .unixSocket(socket).start();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    Future<Reply> inFlight = threads.submit(() -> RawHttp.post(socket, "/Slow.Call", "{}"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    Future<?> closing = threads.submit(server::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(closing).isNotDone();
    release.countDown();

    Reply r = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"done\":true}\n");
    closing.get(10, TimeUnit.SECONDS);
    threads.shutdown();
  }

  @Test
  void closeGivesUpOnAHungRequestAfterTheGracePeriod() throws Exception {
    Path socket = dir.resolve("p.sock");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    PluginServer server = PluginServer.builder()
        .handle("Hung.Call", body -> {
          entered.countDown();
          never.await();
          return null;
        })
        .gracePeriod(Duration.ofMillis(200))
        .unixSocket(socket).start();
    ExecutorService threads = Executors.newSingleThreadExecutor();
    Future<Reply> inFlight = threads.submit(() -> RawHttp.post(socket, "/Hung.Call", "{}"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    server.close();

    assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    never.countDown();
    threads.shutdown();
  }
}
