package dev.hangar.sdk.internal;

/** A request body that is not valid JSON, or not of the shape a method expects: HTTP 400. */
public final class BadBodyException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the method */
  public BadBodyException(String message) {
    super(message);
  }
}
