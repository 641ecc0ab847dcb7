package dev.hangar.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.managed.ManagedSettings;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.ShortTempDir;
import dev.hangar.testkit.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where the daemon listens: socket files, their modes and leftovers, TCP with mutual TLS. */
@Timeout(60)
class DaemonListenersTest {
  private ShortTempDir tmp;

  @BeforeEach
  void dir() {
    tmp = new ShortTempDir();
  }

  @AfterEach
  void clean() throws IOException {
    tmp.close();
  }

  private ManagedSettings managed() {
    return ManagedSettings.defaults(tmp.resolve("root")).withRuntimeDir(tmp.resolve("run"));
  }

  private DaemonOptions on(String... hosts) {
    return new DaemonOptions(managed(), List.of(hosts).stream().map(URI::create).toList(),
        Optional.empty());
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p,
        LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void theDefaultSocketIsInTheRootMode0660AndGoesAtClose() throws Exception {
    Path sock = managed().root().resolve("hangar.sock");
    try (Daemon d = Daemon.start(new DaemonOptions(managed(), List.of(), Optional.empty()))) {
      assertThat(d.listening()).containsExactly(URI.create("unix://" + sock));
      assertThat(mode(sock)).isEqualTo("rw-rw----");
      try (RawHttp c = RawHttp.unix(sock)) {
        assertThat(c.get("/_ping").status()).isEqualTo(200);
      }
      assertThat(Files.list(sock.getParent()).map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".hangar-"));
    }
    assertThat(sock).doesNotExist();
  }

  @Test
  void missingParentsAreCreatedPrivateAndEveryHostListens() throws Exception {
    Path a = tmp.resolve("a/b/one.sock");
    Path b = tmp.resolve("two.sock");
    try (Daemon d = Daemon.start(on("unix://" + a, "unix://" + b))) {
      assertThat(mode(tmp.resolve("a"))).isEqualTo("rwx------");
      assertThat(mode(tmp.resolve("a/b"))).isEqualTo("rwx------");
      for (Path s : List.of(a, b)) {
        try (RawHttp c = RawHttp.unix(s)) {
          assertThat(c.get("/version").status()).isEqualTo(200);
        }
      }
    }
    assertThat(a).doesNotExist();
    assertThat(b).doesNotExist();
  }

  @Test
  void aStaleSocketIsReplacedAndALiveOneRefused() throws Exception {
    Path sock = ShortTempDir.deadSocket(tmp.resolve("api.sock"));
    try (Daemon d = Daemon.start(on("unix://" + sock))) {
      try (RawHttp c = RawHttp.unix(sock)) {
        assertThat(c.get("/_ping").status()).isEqualTo(200);
      }
    }
    Path live = tmp.resolve("live.sock");
    try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      other.bind(UnixDomainSocketAddress.of(live));
      assertThatThrownBy(() -> Daemon.start(on("unix://" + live)))
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SOCKET_IN_USE))
          .hasMessageContaining(live.toString());
      assertThat(live).exists();
    }
    Path file = tmp.resolve("file.sock");
    Files.writeString(file, "not a socket");
    assertThatThrownBy(() -> Daemon.start(on("unix://" + file)))
        .hasMessageContaining("is not a socket");
    assertThat(file).hasContent("not a socket");
  }

  @Test
  void closeIsIdempotentAndAwaitClosedReturnsAfterIt() throws Exception {
    Daemon d = Daemon.start(on("unix://" + tmp.resolve("x.sock")));
    Thread waiter = Thread.ofPlatform().start(() -> {
      try {
        d.awaitClosed();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    d.close();
    d.close();
    waiter.join();
    assertThat(waiter.isAlive()).isFalse();
    // The root is released: another daemon can take it.
    Daemon.start(on("unix://" + tmp.resolve("y.sock"))).close();
  }

  @Test
  void aSecondDaemonOnTheSameRootIsRefusedAndLeavesTheFirstServing() throws Exception {
    Path first = tmp.resolve("first.sock");
    try (Daemon d = Daemon.start(on("unix://" + first))) {
      Path second = tmp.resolve("second.sock");
      assertThatThrownBy(() -> Daemon.start(on("unix://" + second)))
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOT_LOCKED));
      assertThat(second).doesNotExist();
      try (RawHttp c = RawHttp.unix(first)) {
        assertThat(c.get("/_ping").status()).isEqualTo(200);
      }
    }
  }

  @Test
  void tcpWithoutTlsIsAUsageError() {
    assertThatThrownBy(() -> Daemon.start(on("tcp://127.0.0.1:0")))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
        .hasMessage("TCP listeners need mutual TLS: pass --tlsverify --tlscacert --tlscert"
            + " --tlskey");
  }

  @Test
  void tcpRequiresAClientCertificateSignedByTheCa() throws Exception {
    TestPki pki = TestPki.create(tmp.resolve("pki"));
    DaemonOptions options = new DaemonOptions(managed(), List.of(URI.create("tcp://127.0.0.1:0")),
        Optional.of(new DaemonOptions.Tls(pki.caCert(), pki.serverCert(), pki.serverKey())));
    try (Daemon d = Daemon.start(options)) {
      int port = d.listening().get(0).getPort();
      assertThat(port).isPositive();
      SSLContext withCert = dev.hangar.protocol.internal.tls.TlsContexts.client(
          new dev.hangar.protocol.TlsSettings(pki.caCert(), pki.clientCert(), pki.clientKey(),
              false));
      try (SSLSocket s = (SSLSocket) withCert.getSocketFactory().createSocket("127.0.0.1", port);
          RawHttp c = RawHttp.over(s)) {
        RawHttp.Response r = c.get("/v1.41/_ping");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("OK");
      }
      SSLContext noCert = dev.hangar.protocol.internal.tls.TlsContexts.client(
          new dev.hangar.protocol.TlsSettings(pki.caCert(), null, null, false));
      try (SSLSocket s = (SSLSocket) noCert.getSocketFactory().createSocket("127.0.0.1", port)) {
        assertThat(refused(s)).isTrue();
      }
    }
  }

  /** Whether the server refuses the handshake (TLS 1.3 may only tell on the first read). */
  private static boolean refused(SSLSocket s) {
    try {
      s.startHandshake();
      s.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }
}
