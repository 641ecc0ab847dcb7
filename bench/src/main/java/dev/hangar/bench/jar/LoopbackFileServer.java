package dev.hangar.bench.jar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 file server on 127.0.0.1 for {@code bench/jar-run.sh}: serves one file
 * (GET and HEAD, {@code Range: bytes=A-B}, keep-alive) with {@link FileChannel#transferTo}
 * (sendfile), so that the server is not what limits curl or {@code hangar get}. Prints
 * {@code listening URL} once ready. Not a general server: no chunking, no pipelining.
 */
public final class LoopbackFileServer {

  private LoopbackFileServer() {}

  /** {@code LoopbackFileServer FILE [PORT]}. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    ServerSocketChannel server = ServerSocketChannel.open()
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    int bound = ((InetSocketAddress) server.getLocalAddress()).getPort();
    System.out.println("listening http://127.0.0.1:" + bound + "/" + file.getFileName());
    System.out.flush();
    while (true) {
      SocketChannel client = server.accept();
      Thread.ofPlatform().daemon().start(() -> serve(client, file));
    }
  }

  private static void serve(SocketChannel socket, Path file) {
    try (socket; FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      BufferedReader in = new BufferedReader(
          new InputStreamReader(Channels.newInputStream(socket), StandardCharsets.ISO_8859_1));
      long size = ch.size();
      String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
          Files.getLastModifiedTime(file).toInstant().atOffset(ZoneOffset.UTC));
      String etag = "\"" + Long.toHexString(size) + "-" + Files.getLastModifiedTime(file).toMillis() + "\"";
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isEmpty()) {
          continue;
        }
        String[] request = line.split(" ");
        long start = 0;
        long end = size - 1;
        boolean ranged = false;
        for (String h; (h = in.readLine()) != null && !h.isEmpty(); ) {
          String lower = h.toLowerCase(Locale.ROOT);
          if (lower.startsWith("range: bytes=")) {
            String[] r = h.substring(13).strip().split("-", -1);
            start = Long.parseLong(r[0]);
            end = r[1].isEmpty() ? size - 1 : Math.min(Long.parseLong(r[1]), size - 1);
            ranged = true;
          }
        }
        boolean found = request.length > 1 && request[1].equals("/" + file.getFileName());
        StringBuilder head = new StringBuilder();
        if (!found) {
          head.append("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
          write(socket, head);
          continue;
        }
        if (ranged && start >= size) {
          head.append("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */").append(size)
              .append("\r\nContent-Length: 0\r\n\r\n");
          write(socket, head);
          continue;
        }
        long length = end - start + 1;
        head.append(ranged ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n")
            .append("Content-Length: ").append(length).append("\r\n")
            .append("Accept-Ranges: bytes\r\nContent-Type: application/octet-stream\r\n")
            .append("Last-Modified: ").append(lastModified).append("\r\nETag: ").append(etag).append("\r\n");
        if (ranged) {
          head.append("Content-Range: bytes ").append(start).append('-').append(end).append('/').append(size).append("\r\n");
        }
        write(socket, head.append("\r\n"));
        if (request[0].equals("GET")) {
          for (long pos = start; pos <= end; ) {
            pos += ch.transferTo(pos, end + 1 - pos, socket);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away; nothing to do for a benchmark server
    }
  }

  private static void write(SocketChannel socket, CharSequence text) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    while (b.hasRemaining()) {
      socket.write(b);
    }
  }
}
