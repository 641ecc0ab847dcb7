package dev.hangar.registry.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens per registry and scope, each kept for the lifetime its endpoint gave it. */
public final class TokenCache {
  /** A token and when it stops being used. */
  record Entry(String token, Instant expires) {}

  /** What the distribution spec says to assume when {@code expires_in} is absent. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /**
   * @param clock the clock lifetimes are measured on
   */
  public TokenCache(Clock clock) {
    this.clock = clock;
  }

  /** A token still valid for {@code registry} and {@code scope}. */
  public Optional<String> get(String registry, Scope scope) {
    Entry e = entries.get(registry + " " + scope.key());
    if (e == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(e.expires())) {
      entries.remove(registry + " " + scope.key(), e);
      return Optional.empty();
    }
    return Optional.of(e.token());
  }

  /**
   * Keeps a token. It is used until a few seconds before its lifetime ends (a lifetime under
   * ten seconds is used to its last tenth), so that it does not expire on the way.
   *
   * @param registry the registry
   * @param scope the scope it was issued for
   * @param token the token
   * @param lifetime its lifetime
   */
  public void put(String registry, Scope scope, String token, Duration lifetime) {
    Duration margin = lifetime.compareTo(MARGIN.multipliedBy(2)) < 0
        ? lifetime.dividedBy(10) : MARGIN;
    entries.put(registry + " " + scope.key(),
        new Entry(token, clock.instant().plus(lifetime).minus(margin)));
  }

  /** Forgets the token for a scope (the registry refused it). */
  public void remove(String registry, Scope scope) {
    entries.remove(registry + " " + scope.key());
  }
}
