package dev.hangar.internal.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundSyncTest {
  @TempDir Path dir;

  @Test
  void aFailedBackgroundForceIsReportedNotSwallowed() throws IOException {
    // fsync on /dev/null fails (EINVAL): a stand-in for a write-back error of a real disk.
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.isWritable(devNull));
    try (FileChannel ch = FileChannel.open(devNull, StandardOpenOption.WRITE)) {
      assumeTrue(forceFails(ch));
      BackgroundSync sync = BackgroundSync.start(ch);
      sync.written(BackgroundSync.STEP);
      // The failure surfaces on a later write (and then on finish()); poll with a deadline.
      long deadline = System.nanoTime() + 10_000_000_000L;
      IOException seen = null;
      while (seen == null && System.nanoTime() < deadline) {
        try {
          sync.written(0);
          Thread.onSpinWait();
        } catch (IOException e) {
          seen = e;
        }
      }
      assertThat(seen).as("the background force's failure").isNotNull();
      assertThatThrownBy(sync::finish).isSameAs(seen);
      sync.close();
    }
  }

  @Test
  void finishAfterForcesLeavesTheFileIntactAndCloseIsRepeatable() throws IOException {
    Path f = dir.resolve("f.bin");
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        BackgroundSync sync = BackgroundSync.start(ch)) {
      ByteBuffer b = ByteBuffer.allocate(1 << 20);
      for (long n = 0; n < 2 * BackgroundSync.STEP + 7; ) {
        b.clear().limit((int) Math.min(b.capacity(), 2 * BackgroundSync.STEP + 7 - n));
        int w = ch.write(b);
        sync.written(w);
        n += w;
      }
      sync.finish();
      sync.close();
    }
    assertThat(Files.size(f)).isEqualTo(2 * BackgroundSync.STEP + 7);
  }

  @Test
  void noneDoesNothing() throws IOException {
    BackgroundSync.NONE.written(Long.MAX_VALUE / 2);
    BackgroundSync.NONE.finish();
    BackgroundSync.NONE.close();
  }

  private static boolean forceFails(FileChannel ch) {
    try {
      ch.force(false);
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
