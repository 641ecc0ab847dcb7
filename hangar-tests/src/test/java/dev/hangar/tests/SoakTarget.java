package dev.hangar.tests;

/**
 * One plugin of the soak run and how to call it once.
 *
 * @param name the plugin's name in the host
 * @param kind socket, managed, exec or jar (as the metrics label it)
 * @param weight its share of the calls, out of the sum of every target's weight
 * @param call makes one call and checks the reply; throws when the call failed or the reply is
 *     wrong
 */
record SoakTarget(String name, String kind, int weight, Call call) {

  /** One call. */
  @FunctionalInterface
  interface Call {
    /** Calls the plugin once for {@code caller}'s call number {@code seq}. */
    void call(int caller, long seq) throws Exception;
  }

  /** Thrown when a reply is not what the call must return. */
  static final class WrongReply extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WrongReply(String message) {
      super(message);
    }
  }
}
