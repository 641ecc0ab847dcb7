package dev.hangar.managed.internal.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.registry.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerTailTest {
  private static final Digest D = Digest.of("layer".getBytes(StandardCharsets.UTF_8));

  @TempDir Path tmp;

  private Path partial() {
    return tmp.resolve("blob.partial");
  }

  private Path blob() {
    return tmp.resolve("blob");
  }

  private void append(String s) throws IOException {
    Files.writeString(partial(), s, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void readsWhatIsWrittenThenTheRestOfTheRenamedFile() throws Exception {
    LayerTail tail = new LayerTail(D, partial(), blob());
    append("abc");
    tail.progress(D, 3, 6);
    byte[] b = new byte[10];
    assertThat(tail.read(b, 0, 10)).isEqualTo(3);
    CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> {
      try {
        return tail.read(b, 3, 7);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    append("def");
    Files.move(partial(), blob());
    tail.progress(D, 6, 6);
    tail.end(true);
    assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(tail.read(b, 6, 4)).isEqualTo(-1);
    assertThat(new String(b, 0, 6, StandardCharsets.UTF_8)).isEqualTo("abcdef");
    assertThat(tail.trustworthy()).isTrue();
    tail.close();
  }

  @Test
  void neverReadsPastTheBytesReported() throws Exception {
    LayerTail tail = new LayerTail(D, partial(), blob());
    append("abcdef"); // on disk, but only 2 reported hashed
    tail.progress(D, 2, 6);
    byte[] b = new byte[10];
    assertThat(tail.read(b, 0, 10)).isEqualTo(2);
    tail.close();
  }

  @Test
  void opensTheStoredBlobWhenTheDownloadEndedFirst() throws Exception {
    Files.writeString(blob(), "whole");
    LayerTail tail = new LayerTail(D, partial(), blob());
    tail.progress(D, 5, 5);
    tail.end(true);
    assertThat(tail.readAllBytes()).isEqualTo("whole".getBytes(StandardCharsets.UTF_8));
    assertThat(tail.trustworthy()).isTrue();
    tail.close();
  }

  @Test
  void aFailedDownloadFailsTheReader() throws Exception {
    LayerTail tail = new LayerTail(D, partial(), blob());
    tail.end(false);
    assertThatThrownBy(() -> tail.read(new byte[1], 0, 1)).isInstanceOf(IOException.class)
        .hasMessageContaining("did not finish");
    assertThat(tail.trustworthy()).isFalse();
  }

  @Test
  void aDownloadThatStartedOverIsNotTrusted() throws Exception {
    LayerTail tail = new LayerTail(D, partial(), blob());
    append("abc");
    tail.progress(D, 3, 6);
    assertThat(tail.read(new byte[3], 0, 3)).isEqualTo(3);
    tail.progress(D, 1, 6);
    assertThatThrownBy(() -> tail.read(new byte[1], 0, 1)).isInstanceOf(IOException.class);
    tail.end(true);
    assertThat(tail.trustworthy()).isFalse();
    tail.close();
  }

  @Test
  void anotherFileInTheStoreIsNotTrusted() throws Exception {
    LayerTail tail = new LayerTail(D, partial(), blob());
    append("abc");
    tail.progress(D, 3, 3);
    assertThat(tail.read(new byte[3], 0, 3)).isEqualTo(3);
    Files.writeString(blob(), "abc"); // not the file read: a copy, another inode
    Files.delete(partial());
    tail.end(true);
    assertThat(tail.trustworthy()).isFalse();
    tail.close();
  }

  @Test
  void otherBlobsProgressIsIgnored() throws Exception {
    LayerTail tail = new LayerTail(D, partial(), blob());
    append("abc");
    tail.progress(Digest.of(new byte[0]), 3, 3);
    tail.progress(D, 1, 3);
    assertThat(tail.read(new byte[3], 0, 3)).isEqualTo(1);
    tail.close();
  }
}
