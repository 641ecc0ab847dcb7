package dev.hangar.protocol.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what the plugin client reads from a plugin: the reply head ({@link ResponseHead}) and
 * the body framed by it, chunked, fixed or until close ({@link BodyInput}). For any bytes, split
 * into reads of any size, the head and body are read or fail with an {@link IOException}
 * ({@link java.io.EOFException} or {@link ProtocolViolation}), never another exception; a body
 * is never longer than the bytes received.
 *
 * <p>Input: the last byte chooses the size of the socket's reads (1 to 64 bytes, else 16 KiB),
 * the rest is what the plugin sent. Seeds are real replies (Docker's plugins, Go's
 * {@code net/http}) with one more byte at the end.
 */
class ResponseHeadFuzzTest {
  @FuzzTest
  @Timeout(10)
  void reply(FuzzedDataProvider data) {
    int read = data.consumeInt(0, 64);
    byte[] sent = data.consumeRemainingAsBytes();
    InputStream socket = new Dribble(sent, read == 0 ? 16 * 1024 : read);
    Connection conn = new Connection(() -> { }, socket, OutputStream.nullOutputStream());
    try {
      ResponseHead head = ResponseHead.read(conn.in, null);
      assertThat(head.status()).isBetween(100, 999);
      long body = 0;
      try (BodyInput in = BodyInput.of(head, conn, c -> { })) {
        byte[] buf = new byte[333];
        for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
          body += n;
        }
      }
      assertThat(body).isLessThanOrEqualTo(sent.length);
    } catch (IOException e) {
      // documented: EOFException, ProtocolViolation
    }
  }

  /** A socket whose reads return at most {@code step} bytes. */
  private static final class Dribble extends ByteArrayInputStream {
    private final int step;

    Dribble(byte[] b, int step) {
      super(b);
      this.step = step;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, step));
    }
  }
}
