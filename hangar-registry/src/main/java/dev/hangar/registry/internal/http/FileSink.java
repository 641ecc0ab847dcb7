package dev.hangar.registry.internal.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Streams a body to a file as it arrives, hashing every byte on the way, so that no blob is ever
 * held in memory and its digest is known the moment the last byte is written. The body ends with
 * the number of bytes written in total (those already in the file included).
 */
public final class FileSink implements HttpResponse.BodySubscriber<Long> {
  /** The body went past the size the descriptor announced. */
  public static final class Overrun extends IOException {
    private static final long serialVersionUID = 1L;

    Overrun(long limit) {
      super("more bytes than the " + limit + " announced");
    }
  }

  private final FileChannel out;
  private final MessageDigest md;
  private final long limit;
  private final Activity activity;
  private final LongConsumer progress;
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private long written;
  private volatile boolean overrun;
  private volatile IOException writeFailure;

  /**
   * @param out the file, positioned at its end
   * @param md the digest so far (of the bytes already in the file)
   * @param already bytes already in the file
   * @param limit the most bytes the file may hold in total, or -1 for no limit
   * @param activity touched as bytes arrive
   * @param progress told the total written after each write
   */
  public FileSink(FileChannel out, MessageDigest md, long already, long limit, Activity activity,
      LongConsumer progress) {
    this.out = out;
    this.md = md;
    this.written = already;
    this.limit = limit;
    this.activity = activity;
    this.progress = progress;
  }

  /** Whether the body went past the limit (and the exchange was cancelled). */
  public boolean overrun() {
    return overrun;
  }

  /** The failure of a write to the file, when one cancelled the exchange. */
  public Optional<IOException> writeFailure() {
    return Optional.ofNullable(writeFailure);
  }

  @Override
  public CompletionStage<Long> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    activity.touch();
    try {
      for (ByteBuffer b : items) {
        int n = b.remaining();
        if (limit >= 0 && written + n > limit) {
          overrun = true;
          throw new Overrun(limit);
        }
        md.update(b.duplicate());
        write(b);
        written += n;
      }
    } catch (IOException e) {
      subscription.cancel();
      result.completeExceptionally(e);
      return;
    }
    progress.accept(written);
    subscription.request(1);
  }

  private void write(ByteBuffer b) throws IOException {
    try {
      while (b.hasRemaining()) {
        out.write(b);
      }
    } catch (IOException e) {
      writeFailure = e; // this side's failure, not the registry's: the caller must tell them apart
      throw e;
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(written);
  }
}
