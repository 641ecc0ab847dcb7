package dev.hangar.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {
  private static final byte[] TEN = "0123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void endsAtItsLimitWhateverTheReadsAsk() throws IOException {
    InputStream in = new BoundedInputStream(new ByteArrayInputStream(TEN), 4);
    assertThat(in.read()).isEqualTo('0');
    byte[] b = new byte[10];
    assertThat(in.read(b, 0, 10)).isEqualTo(3);
    assertThat(new String(b, 0, 3, StandardCharsets.US_ASCII)).isEqualTo("123");
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.read(b, 0, 10)).isEqualTo(-1);
    assertThat(in.available()).isZero();
  }

  @Test
  void skipsWithinItsLimitAndEndsEarlyWithAShorterStream() throws IOException {
    InputStream in = new BoundedInputStream(new ByteArrayInputStream(TEN), 8);
    assertThat(in.skip(100)).isEqualTo(8);
    assertThat(in.read()).isEqualTo(-1);
    InputStream shortOne = new BoundedInputStream(new ByteArrayInputStream(TEN), 50);
    assertThat(shortOne.readAllBytes()).isEqualTo(TEN);
  }

  @Test
  void closingItClosesTheStreamUnder() throws IOException {
    AtomicBoolean closed = new AtomicBoolean();
    InputStream under = new ByteArrayInputStream(TEN) {
      @Override
      public void close() {
        closed.set(true);
      }
    };
    new BoundedInputStream(under, 2).close();
    assertThat(closed).isTrue();
  }
}
