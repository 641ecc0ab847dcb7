package dev.hangar.daemon.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.HangarException;
import dev.hangar.testkit.FuzzFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the client's reading of what the daemon answers: reply heads and bodies (fixed,
 * chunked, until close), JSON replies ({@code inspect}, Hangar's plugin list, privileges, the
 * relay's results), error replies ({@code Hangar-Error-Code} and Docker's {@code {"message"}}),
 * and the streams of JSON values (pull and push progress with in-stream errors, logs, events).
 * A fake daemon on a unix socket answers {@code /_ping} as Hangar's daemon does and every other
 * request with the input, then closes the connection. For any bytes each call returns or throws
 * a {@link HangarException}, never another exception, and never waits for more than the
 * daemon's close. Seeds are replies as Hangar's daemon (Jetty) and dockerd send them.
 */
class EngineClientFuzzTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
  private static final FakeDaemon DAEMON = new FakeDaemon(FuzzFiles.fresh("fuzz-daemon.sock"));

  @FuzzTest
  @Timeout(20)
  void reply(byte[] input) {
    DAEMON.answer(input, true);
    try (EngineClient c = client()) {
      call(() -> assertThat(c.ping()).isNotNull());
    }
    DAEMON.answer(input, false);
    try (EngineClient c = client()) {
      call(() -> assertThat(c.inspect("vieux/sshfs:latest")).isNotNull());
      call(() -> c.enable("vieux/sshfs", 0));
      call(() -> assertThat(c.listManaged()).doesNotContainNull());
      call(() -> assertThat(c.privileges("vieux/sshfs")).doesNotContainNull());
      call(() -> assertThat(c.remote("vieux/sshfs", "", Optional.empty()).privileges())
          .doesNotContainNull());
      call(() -> assertThat(c.callExec("core", "info", new byte[0])).isNotNull());
      call(() -> assertThat(c.callJar("hasher/sha", "hash", new byte[0])).isNotNull());
    }
  }

  @FuzzTest
  @Timeout(20)
  void stream(byte[] input) {
    DAEMON.answer(input, false);
    Consumer<JsonNode> each = m -> assertThat(m).isNotNull();
    try (EngineClient c = client()) {
      call(() -> assertThat(c.pull("vieux/sshfs", "", List.of(), Optional.empty(), each))
          .isNotNull());
      call(() -> c.push("reg.example:5000/vieux/sshfs", Optional.empty(), each));
      call(() -> c.logs("vieux/sshfs", OptionalInt.empty(), Optional.empty(), false, each));
      call(() -> c.events(Map.of("type", List.of("plugin")), Optional.empty(),
          Optional.empty(), each));
    }
  }

  private static EngineClient client() {
    return EngineClient.open(new DaemonAddress.Unix(DAEMON.socket, true), Optional.empty(),
        READ_TIMEOUT);
  }

  /** Runs one call: it returns, or throws Hangar's exception with a message. */
  private static void call(Runnable r) {
    try {
      r.run();
    } catch (HangarException e) {
      assertThat(e.code()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  /**
   * A daemon that answers {@code /_ping} as Hangar's daemon (unless asked to answer it with the
   * input too) and every other request with the input, then closes the connection. Requests are
   * read whole first, so that closing never resets what the client is reading.
   */
  private static final class FakeDaemon {
    static final byte[] PING = ("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nOstype: linux\r\n"
        + "Docker-Experimental: false\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: 2\r\n\r\nOK").getBytes(StandardCharsets.US_ASCII);

    final Path socket;
    private volatile byte[] reply = new byte[0];
    private volatile boolean pingToo;

    FakeDaemon(Path socket) {
      this.socket = socket;
      ServerSocketChannel server;
      try {
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread.ofPlatform().daemon().name("fuzz-daemon-accept").start(() -> {
        while (true) {
          try {
            SocketChannel c = server.accept();
            Thread.ofPlatform().daemon().start(() -> serve(c));
          } catch (IOException e) {
            return;
          }
        }
      });
    }

    void answer(byte[] bytes, boolean alsoPing) {
      reply = bytes;
      pingToo = alsoPing;
    }

    private void serve(SocketChannel c) {
      try (c) {
        InputStream in = new BufferedInputStream(Channels.newInputStream(c));
        OutputStream out = Channels.newOutputStream(c);
        while (true) {
          String target = readRequest(in);
          if (target == null) {
            return;
          }
          if (target.equals("/_ping") && !pingToo) {
            out.write(PING);
            continue;
          }
          out.write(reply);
          return;
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    /** Reads a request's head and its Content-Length body; its target, or null at the end. */
    private static String readRequest(InputStream in) throws IOException {
      String requestLine = line(in);
      if (requestLine == null) {
        return null;
      }
      long length = 0;
      for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
        if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Long.parseLong(h.substring(15).strip());
        }
      }
      in.skipNBytes(length);
      String[] parts = requestLine.split(" ");
      return parts.length < 2 ? "" : parts[1];
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          return null;
        }
        b.write(c);
      }
      String s = b.toString(StandardCharsets.ISO_8859_1);
      return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
  }
}
