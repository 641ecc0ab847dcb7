package dev.hangar.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hangar.api.resource.ExpireInfo;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resource client that stops moving is given up after the stall timeout, never waited on. */
class StallTimeoutTest {
  private static final Duration STALL = Duration.ofMillis(300);

  @TempDir Path dir;

  /** Serves {@code first} bytes of "x", then behaves as {@code rest} says; 1000 bytes announced. */
  private static ResourceClient client(int first, String rest) {
    return new ResourceClient() {
      @Override
      public long contentLength(ResourceRequest r) {
        return 1000;
      }

      @Override
      public boolean supportsRange(ResourceRequest r) {
        return false;
      }

      @Override
      public boolean isExpired(ResourceRequest r, ExpireInfo info) {
        return true;
      }

      @Override
      public ResourceResponse download(ResourceRequest r) throws IOException {
        if (rest.equals("hang-in-download")) {
          sleepForEver();
        }
        return ResourceResponse.of(new InputStream() {
          private int sent;

          @Override
          public int read() throws IOException {
            if (sent < first) {
              sent++;
              return 'x';
            }
            if (rest.equals("trickle")) {
              pause(50); // slower than a buffer fills, quicker than the stall timeout
              return sent++ < 40 ? 'x' : -1;
            }
            sleepForEver();
            return -1;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
              return 0;
            }
            int c = read();
            if (c < 0) {
              return -1;
            }
            b[off] = (byte) c;
            return 1;
          }
        }, rest.equals("trickle") ? 40 : 1000);
      }

      @Override
      public long lastModified(ResourceRequest r) {
        return -1;
      }
    };
  }

  private static void sleepForEver() throws InterruptedIOException {
    pause(Long.MAX_VALUE);
  }

  private static void pause(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new InterruptedIOException("interrupted");
    }
  }

  private DownloadResult get(ResourceClient c, Path target) {
    Downloader d = new Downloader(ResourceRegistry.withBuiltins(Map.of("slow", c), false), STALL);
    return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> d.download(
        DownloadRequest.of(URI.create("slow://h/f"), target).withSync(false),
        DownloadListener.NONE));
  }

  @Test
  void aBodyThatStopsIsGivenUpAndWhatCameIsKeptForResume() {
    Path target = dir.resolve("f");
    assertThatThrownBy(() -> get(client(10, "hang"), target))
        .isInstanceOfSatisfying(HangarException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.DOWNLOAD_FAILED);
          assertThat(e.getMessage()).contains("slow://h/f stalled: nothing moved for 300ms")
              .contains("is kept: run again with --resume");
        });
    assertThat(target).doesNotExist();
    assertThat(dir.resolve(".f.hangar-part")).hasSize(10);
    assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is cleared").isFalse();
  }

  @Test
  void aClientCallThatNeverReturnsIsGivenUp() {
    assertThatThrownBy(() -> get(client(0, "hang-in-download"), dir.resolve("g")))
        .isInstanceOfSatisfying(HangarException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.DOWNLOAD_FAILED);
          assertThat(e.getMessage()).contains("stalled").doesNotContain("is kept");
        });
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aSlowBodyThatKeepsMovingIsNotAStall() throws IOException {
    Path target = dir.resolve("t");
    DownloadResult r = get(client(0, "trickle"), target);
    assertThat(r.size()).isEqualTo(40);
    assertThat(Files.readString(target)).isEqualTo("x".repeat(40));
  }
}
