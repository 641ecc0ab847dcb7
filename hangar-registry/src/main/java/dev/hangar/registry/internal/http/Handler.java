package dev.hangar.registry.internal.http;

import java.net.http.HttpResponse;
import java.util.function.IntPredicate;

/**
 * How a caller reads the answers it expects; every other answer's body is collected (capped) for
 * the error mapper.
 *
 * @param <T> the body type of an expected answer
 */
public interface Handler<T> {
  /** Whether an answer with this status is one the caller reads. */
  boolean accepts(int status);

  /**
   * The subscriber for an expected answer.
   *
   * @param info the status and headers
   * @param activity to touch as bytes arrive
   * @return the subscriber
   */
  HttpResponse.BodySubscriber<T> subscriber(HttpResponse.ResponseInfo info, Activity activity);

  /**
   * Reads expected answers into memory, at most {@code max} bytes.
   *
   * @param accepts the expected statuses
   * @param max the cap
   * @return the handler
   */
  static Handler<byte[]> bytes(IntPredicate accepts, long max) {
    return new Handler<>() {
      @Override
      public boolean accepts(int status) {
        return accepts.test(status);
      }

      @Override
      public HttpResponse.BodySubscriber<byte[]> subscriber(HttpResponse.ResponseInfo info,
          Activity activity) {
        return new CappedBody(max, activity);
      }
    };
  }

  /**
   * Discards the bodies of expected answers (a HEAD, a 201 with nothing to read).
   *
   * @param accepts the expected statuses
   * @return the handler
   */
  static Handler<Void> discard(IntPredicate accepts) {
    return new Handler<>() {
      @Override
      public boolean accepts(int status) {
        return accepts.test(status);
      }

      @Override
      public HttpResponse.BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo info,
          Activity activity) {
        return HttpResponse.BodySubscribers.discarding();
      }
    };
  }
}
