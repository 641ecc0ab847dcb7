package dev.hangar.internal.resource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on 127.0.0.1 that answers each connection with the next scripted reply, byte for
 * byte (malformed ones included), then closes it; it records each request head. A reply of
 * {@code null} accepts the connection and never answers.
 */
final class ScriptedHttpServer implements AutoCloseable {
  private final ServerSocket server;
  private final Queue<byte[]> replies = new ConcurrentLinkedQueue<>();
  private final List<Socket> silent = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();

  ScriptedHttpServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().start(this::loop);
  }

  /** Queues a reply given as text (ISO-8859-1). */
  ScriptedHttpServer reply(String text) {
    return reply(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Queues a reply given as bytes. */
  ScriptedHttpServer reply(byte[] bytes) {
    replies.add(bytes);
    return this;
  }

  /** Queues a connection that is accepted and never answered. */
  ScriptedHttpServer silence() {
    replies.add(new byte[0]);
    return this;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  private void loop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        String head = readHead(s.getInputStream());
        requests.add(head);
        byte[] reply = replies.poll();
        if (reply == null || reply.length == 0) {
          silent.add(s);
          continue;
        }
        try (s; OutputStream out = s.getOutputStream()) {
          out.write(reply);
        }
      } catch (IOException e) {
        // closed, or the client went away: the next connection is served anyway
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String s = b.toString(StandardCharsets.ISO_8859_1);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : silent) {
      s.close();
    }
  }
}
