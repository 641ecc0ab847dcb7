package dev.hangar.resource;

import java.util.Objects;

/**
 * A plugin's resource client the registry did not take, with the reason to report.
 *
 * @param scheme the scheme the plugin asked for, lower-cased
 * @param reason why it was refused, in a sentence naming the scheme
 * @since 0.1
 */
public record RefusedScheme(String scheme, String reason) {
  /** Checks the fields. */
  public RefusedScheme {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(reason, "reason");
  }
}
