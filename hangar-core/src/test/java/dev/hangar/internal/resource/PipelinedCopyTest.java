package dev.hangar.internal.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.resource.DownloadListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinedCopyTest {
  static final URI URI_ = URI.create("http://h/x");
  @TempDir Path dir;

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(11).nextBytes(b);
    return b;
  }

  /** Hands out {@code body}, in reads of uneven sizes, then fails when {@code failAt} is hit. */
  static ReadableByteChannel channel(byte[] body, int failAt) {
    ReadableByteChannel plain = Channels.newChannel(new ByteArrayInputStream(body));
    return new ReadableByteChannel() {
      int pos;
      int turn;

      @Override
      public int read(ByteBuffer dst) throws IOException {
        if (pos == failAt) {
          throw new IOException("connection reset");
        }
        int want = Math.min(dst.remaining(), 1000 + (turn++ % 7) * 50_000);
        if (failAt >= 0) {
          want = Math.min(want, failAt - pos);
        }
        ByteBuffer slice = dst.slice().limit(want);
        int n = plain.read(slice);
        if (n > 0) {
          dst.position(dst.position() + n);
          pos += n;
        }
        return n;
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
  }

  FileChannel open(Path f) throws IOException {
    return FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  @Test
  void copiesEveryByteInOrderWithDigestAndProgressOnTheCallingThread() throws Exception {
    byte[] body = bytes(9 * PipelinedCopy.BUFFER_SIZE + 123);
    Path f = dir.resolve("f");
    List<Long> progress = new ArrayList<>();
    Thread caller = Thread.currentThread();
    DownloadListener l = new DownloadListener() {
      @Override
      public void progressed(long done) {
        assertThat(Thread.currentThread()).isSameAs(caller);
        progress.add(done);
      }
    };
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    long n;
    try (FileChannel ch = open(f)) {
      n = PipelinedCopy.copy(channel(body, -1), ch, -1, 5, md, l, URI_, f, BackgroundSync.NONE);
    }
    assertThat(n).isEqualTo(body.length);
    assertThat(Files.readAllBytes(f)).isEqualTo(body);
    assertThat(md.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
    assertThat(progress).isSorted().last().isEqualTo(5L + body.length);
  }

  @Test
  void aLimitStopsReadingThere() throws IOException {
    byte[] body = bytes(3 * PipelinedCopy.BUFFER_SIZE);
    Path f = dir.resolve("f");
    try (FileChannel ch = open(f)) {
      long limit = PipelinedCopy.BUFFER_SIZE + 10;
      assertThat(PipelinedCopy.copy(channel(body, -1), ch, limit, 0, null, DownloadListener.NONE,
          URI_, f, BackgroundSync.NONE)).isEqualTo(limit);
    }
    assertThat(Files.readAllBytes(f))
        .isEqualTo(Arrays.copyOf(body, PipelinedCopy.BUFFER_SIZE + 10));
  }

  @Test
  void aBrokenReadKeepsWhatArrivedAndFailsAsTheClient() throws IOException {
    byte[] body = bytes(5 * PipelinedCopy.BUFFER_SIZE);
    int failAt = 2 * PipelinedCopy.BUFFER_SIZE + 777;
    Path f = dir.resolve("f");
    try (FileChannel ch = open(f)) {
      assertThatThrownBy(() -> PipelinedCopy.copy(channel(body, failAt), ch, -1, 0, null,
          DownloadListener.NONE, URI_, f, BackgroundSync.NONE))
          .isInstanceOf(HangarException.class).hasMessageContaining("connection reset")
          .satisfies(e -> assertThat(((HangarException) e).code())
              .isEqualTo(ErrorCode.DOWNLOAD_FAILED));
    }
    assertThat(Files.readAllBytes(f)).isEqualTo(Arrays.copyOf(body, failAt));
  }

  @Test
  void aFullDiskStopsTheCopyWithTheWritersError() throws IOException {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full));
    byte[] body = bytes(8 * PipelinedCopy.BUFFER_SIZE);
    try (FileChannel ch = FileChannel.open(full, StandardOpenOption.WRITE)) {
      assertThatThrownBy(() -> PipelinedCopy.copy(channel(body, -1), ch, -1, 0, null,
          DownloadListener.NONE, URI_, dir.resolve("named"), BackgroundSync.NONE))
          .isInstanceOf(HangarException.class).hasMessageContaining("named")
          .satisfies(e -> assertThat(((HangarException) e).code())
              .isEqualTo(ErrorCode.DISK_FULL));
    }
  }
}
