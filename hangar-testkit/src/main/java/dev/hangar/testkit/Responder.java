package dev.hangar.testkit;

/**
 * Decides the {@link Reply} to each request a {@link RawPluginServer} receives. Called on the
 * connection's thread; may be called concurrently for different connections.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Responder {
  /**
   * The reply to {@code request}.
   *
   * @param request the request, already recorded
   * @return what to send (or not send)
   */
  Reply respond(RecordedRequest request);

  /** Answers every request with {@code reply}. */
  static Responder always(Reply reply) {
    return request -> reply;
  }
}
