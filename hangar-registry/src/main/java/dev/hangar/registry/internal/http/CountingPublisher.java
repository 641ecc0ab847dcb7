package dev.hangar.registry.internal.http;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/** A request body that reports its progress: touches the activity and counts bytes sent. */
public final class CountingPublisher implements HttpRequest.BodyPublisher {
  private final HttpRequest.BodyPublisher delegate;
  private final Activity activity;
  private final LongConsumer sent;

  /**
   * @param delegate the body
   * @param activity touched as bytes go
   * @param sent told the bytes sent so far
   */
  public CountingPublisher(HttpRequest.BodyPublisher delegate, Activity activity,
      LongConsumer sent) {
    this.delegate = delegate;
    this.activity = activity;
    this.sent = sent;
  }

  @Override
  public long contentLength() {
    return delegate.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
    delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {
      private long count;

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        s.onSubscribe(subscription);
      }

      @Override
      public void onNext(ByteBuffer item) {
        count += item.remaining();
        activity.touch();
        sent.accept(count);
        s.onNext(item);
      }

      @Override
      public void onError(Throwable t) {
        s.onError(t);
      }

      @Override
      public void onComplete() {
        s.onComplete();
      }
    });
  }
}
