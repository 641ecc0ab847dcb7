package dev.hangar.daemon.internal.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Tells whether the client of a long answer (an event stream, a log follow) went away while
 * nothing was written to it, as Go's server does with its background read: Jetty only notices a
 * closed connection on the next write.
 *
 * <p>It reads the connection's channel without blocking: end of stream or an error means the
 * client is gone. Anything the client sends meanwhile (Docker's clients send nothing while they
 * read a stream) is discarded; over TLS those are raw records, harmless as the stream ends once
 * the client closes. Where the channel cannot be reached, the client is never taken for gone
 * and the next write tells.
 */
final class ClientProbe {
  private final SocketChannel channel;
  private final ByteBuffer scratch = ByteBuffer.allocate(512);
  private boolean gone;

  private ClientProbe(SocketChannel channel) {
    this.channel = channel;
  }

  /** The probe of {@code request}'s connection. */
  static ClientProbe of(Request request) {
    Object transport = request.getConnectionMetaData().getConnection().getEndPoint();
    // Over TLS the connection's end point is the decrypted one: its transport is the
    // network's end point (or connection), whose transport is the channel.
    for (int depth = 0; depth < 4; depth++) {
      if (transport instanceof EndPoint ep) {
        transport = ep.getTransport();
      } else if (transport instanceof Connection c) {
        transport = c.getEndPoint();
      } else {
        break;
      }
    }
    if (transport instanceof SocketChannel ch && !ch.isBlocking()) {
      return new ClientProbe(ch);
    }
    return new ClientProbe(null);
  }

  /** Whether the client closed its end (or the connection broke). */
  boolean gone() {
    if (gone || channel == null) {
      return gone;
    }
    try {
      int n;
      do {
        scratch.clear();
        n = channel.read(scratch);
      } while (n > 0);
      gone = n < 0;
    } catch (IOException e) {
      gone = true;
    }
    return gone;
  }
}
