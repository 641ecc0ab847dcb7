package dev.hangar.daemon.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Chunked encoding of a streamed request body, in chunks of up to 64 KiB. Remembers whether
 * writing to the connection failed, to tell that from a failure of the body's source.
 */
final class ChunkedBody extends OutputStream {
  private static final int CHUNK = 64 * 1024;
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final byte[] buf = new byte[CHUNK];
  private int n;
  boolean failed;

  ChunkedBody(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    if (n == buf.length) {
      flushChunk();
    }
    buf[n++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (n == buf.length) {
        flushChunk();
      }
      int k = Math.min(len, buf.length - n);
      System.arraycopy(b, off, buf, n, k);
      n += k;
      off += k;
      len -= k;
    }
  }

  private void flushChunk() throws IOException {
    if (n == 0) {
      return;
    }
    send((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII), buf, n);
    n = 0;
  }

  private void send(byte[] size, byte[] data, int len) throws IOException {
    try {
      out.write(size, 0, size.length);
      out.write(data, 0, len);
      out.write(CRLF, 0, 2);
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  /** Sends what is buffered, then the last (empty) chunk. */
  void finish() throws IOException {
    flushChunk();
    try {
      out.write(LAST, 0, LAST.length);
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }
}
