package dev.hangar.protocol.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A blocking socket channel as streams, without {@link java.nio.channels.Channels}' streams
 * (which hold the channel's blocking lock while a read blocks, so a write from another thread
 * would wait). Used by the plugin client and the daemon's client.
 */
public final class ChannelStreams {
  private ChannelStreams() {}

  /** The channel's reading side, unbuffered. */
  public static InputStream in(SocketChannel ch) {
    return new ChannelIn(ch);
  }

  /** The channel's writing side, unbuffered. */
  public static OutputStream out(SocketChannel ch) {
    return new ChannelOut(ch);
  }

  /** A socket channel's reading side, unbuffered (callers buffer). */
  private static final class ChannelIn extends InputStream {
    private final SocketChannel ch;

    ChannelIn(SocketChannel ch) {
      this.ch = ch;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n;
      do {
        n = ch.read(ByteBuffer.wrap(b, off, len));
      } while (n == 0);
      return n;
    }
  }

  /** A socket channel's writing side. */
  private static final class ChannelOut extends OutputStream {
    private final SocketChannel ch;

    ChannelOut(SocketChannel ch) {
      this.ch = ch;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(b, off, len);
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
    }
  }
}
