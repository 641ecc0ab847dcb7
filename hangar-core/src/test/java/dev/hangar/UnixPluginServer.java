package dev.hangar;

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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A minimal plugin on a real unix socket: answers {@code Plugin.Activate} with a manifest, routes
 * other methods to a function, counts activations. One request per connection.
 */
final class UnixPluginServer implements AutoCloseable {
  /** A reply: status and JSON body. */
  record Reply(int status, String body) {
    static Reply ok(String body) {
      return new Reply(200, body);
    }
  }

  final Path socket;
  final AtomicInteger activations = new AtomicInteger();
  final List<String> methods = new CopyOnWriteArrayList<>();
  private final ServerSocketChannel server;
  private final Function<String, Reply> handler;
  private final Thread acceptor;

  private UnixPluginServer(Path socket, Function<String, Reply> handler) throws IOException {
    this.socket = socket;
    this.handler = handler;
    Files.createDirectories(socket.getParent());
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    acceptor = Thread.ofPlatform().daemon().name("plugin-" + socket.getFileName())
        .start(this::acceptLoop);
  }

  /** A plugin implementing {@code implementsList}, answering {@code {}} to other methods. */
  static UnixPluginServer start(Path socket, String... implementsList) {
    String manifest = "{\"Implements\":[" + String.join(",",
        java.util.Arrays.stream(implementsList).map(s -> "\"" + s + "\"").toList()) + "]}";
    return start(socket, m -> m.equals("Plugin.Activate") ? Reply.ok(manifest) : Reply.ok("{}"));
  }

  /** A plugin answering every method, {@code Plugin.Activate} included, with {@code handler}. */
  static UnixPluginServer start(Path socket, Function<String, Reply> handler) {
    try {
      return new UnixPluginServer(socket, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel ch = server.accept();
        Thread.ofVirtual().start(() -> serve(ch));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(SocketChannel ch) {
    try (ch; InputStream in = Channels.newInputStream(ch);
        OutputStream out = Channels.newOutputStream(ch)) {
      String head = readHead(in);
      String method = head.split(" ", 3)[1].substring(1);
      int length = 0;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      in.readNBytes(length);
      methods.add(method);
      if (method.equals("Plugin.Activate")) {
        activations.incrementAndGet();
      }
      Reply r = handler.apply(method);
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      String response = "HTTP/1.1 " + r.status() + " X\r\nContent-Type: "
          + "application/vnd.docker.plugins.v1.1+json\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n";
      out.write(response.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    } catch (IOException | RuntimeException e) {
      // the client went away, or the test's handler threw: the connection just closes
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      b.write(c);
      byte[] a = b.toByteArray();
      int n = a.length;
      if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
        break;
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  /** Stops listening and removes the socket, as a plugin process that exits. */
  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
