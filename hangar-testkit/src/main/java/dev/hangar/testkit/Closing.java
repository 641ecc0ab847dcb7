package dev.hangar.testkit;

/** Closes a test's fixtures in order, every one even when an earlier one fails. */
public final class Closing {
  private Closing() {}

  /**
   * Closes each non-null resource in the order given; the first failure is thrown once all were
   * tried, later ones added to it as suppressed.
   */
  public static void all(AutoCloseable... resources) throws Exception {
    Exception first = null;
    for (AutoCloseable r : resources) {
      if (r == null) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
