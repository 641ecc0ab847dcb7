package dev.hangar.registry.internal.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a body of at most {@code max} bytes; a longer one fails with {@link TooLarge} and the
 * exchange is cancelled, so a registry cannot make the client buffer without bound.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** The body was longer than the cap. */
  public static final class TooLarge extends java.io.IOException {
    private static final long serialVersionUID = 1L;
    private final long max;

    TooLarge(long max) {
      super("larger than " + max + " bytes");
      this.max = max;
    }

    /** The cap. */
    public long max() {
      return max;
    }
  }

  private final long max;
  private final Activity activity;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  /**
   * @param max the cap
   * @param activity touched as bytes arrive
   */
  public CappedBody(long max, Activity activity) {
    this.max = max;
    this.activity = activity;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
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
    for (ByteBuffer b : items) {
      if (buf.size() + (long) b.remaining() > max) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(max));
        return;
      }
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      buf.writeBytes(chunk);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(buf.toByteArray());
  }
}
