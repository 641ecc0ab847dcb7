package dev.hangar.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RawPluginServerTest {
  Path dir;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createTempDirectory(Path.of("/tmp"), "hgk");
  }

  @AfterEach
  void tearDown() throws IOException {
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  private static String readReply(InputStream in, int bytes) throws IOException {
    return new String(in.readNBytes(bytes), StandardCharsets.ISO_8859_1);
  }

  @Test
  void recordsKeepAliveRequestsExactlyOnAUnixSocket() throws Exception {
    Path sock = dir.resolve("s.sock");
    Reply ok = Reply.json(200, "{}");
    try (RawPluginServer server = RawPluginServer.unix(sock, Responder.always(ok));
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(sock));
      OutputStream out = Channels.newOutputStream(ch);
      InputStream in = Channels.newInputStream(ch);
      String first = "POST /A HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nab\n";
      out.write(first.getBytes(StandardCharsets.ISO_8859_1));
      String reply = readReply(in, ok.bytes.length);
      assertThat(reply).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n{}");
      out.write(("POST /B HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "2\r\nhe\r\n3\r\nllo\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      readReply(in, ok.bytes.length);
      RecordedRequest a = server.awaitRequest(0, Duration.ofSeconds(5));
      RecordedRequest b = server.awaitRequest(1, Duration.ofSeconds(5));
      assertThat(a.headText())
          .isEqualTo("POST /A HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n");
      assertThat(a.bodyText()).isEqualTo("ab\n");
      assertThat(a.target()).isEqualTo("/A");
      assertThat(b.bodyText()).isEqualTo("hello");
      assertThat(b.chunked()).isTrue();
      assertThat(b.connection()).isZero();
      assertThat(b.sequence()).isEqualTo(1);
      assertThat(server.connectionCount()).isEqualTo(1);
    }
    assertThat(sock).doesNotExist();
  }

  @Test
  void hugeReplyIsThePatternStream() throws Exception {
    long n = 3 * 65536 + 17;
    try (RawPluginServer server = RawPluginServer.tcp(Responder.always(Reply.huge(200, n, false)));
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.getOutputStream().write("POST /X HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        head.write(in.read());
      }
      assertThat(head.toString(StandardCharsets.ISO_8859_1)).contains("Content-Length: " + n);
      CRC32 crc = new CRC32();
      crc.update(in.readNBytes((int) n));
      assertThat(crc.getValue()).isEqualTo(PatternStream.crc32(n));
    }
  }

  @Test
  void bodiesBeyondTheRecordLimitAreCountedNotKept() throws Exception {
    try (RawPluginServer server = RawPluginServer.tcp(Responder.always(Reply.neverAnswer()))
        .recordLimit(10);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      String request = "POST /X HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + "y".repeat(100);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      RecordedRequest r = server.awaitRequest(0, Duration.ofSeconds(5));
      assertThat(r.body()).hasSize(10);
      assertThat(r.bodyLength()).isEqualTo(100);
      assertThat(r.bodyComplete()).isFalse();
      server.dropConnections();
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }
}
