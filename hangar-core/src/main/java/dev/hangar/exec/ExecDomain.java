package dev.hangar.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One exec plugin as a {@code .plugin.toml} declares it: a {@code [plugin.<name>]} table whose
 * exports become the commands {@code <name>.<export>}.
 *
 * @param name the domain, e.g. {@code ovs}
 * @param path the executable, absolute and normalized
 * @param exports the methods callable from outside, in declaration order, no duplicates
 * @param queue whether the domain's calls run one at a time
 * @param processGroup whether each run starts in a process group of its own (through
 *     {@code setsid}) and is terminated as a group, whatever the host's
 *     {@link ExecSettings#processGroups()} says
 * @param timeout the most one call (one run of the executable) may take
 * @param maxRestart how many times a failed call is run again (0: never)
 * @param env the variables passed to the process besides {@code PATH}, {@code HOME} and
 *     {@code LANG} (sorted by name)
 * @param sha256 the executable's expected SHA-256 as 64 lowercase hex digits, or null
 * @param description what the plugin does, or null
 * @param source the {@code .plugin.toml} file that declares it, absolute
 * @param line the 1-based line of the {@code [plugin.<name>]} header in {@code source}
 * @since 0.1
 */
public record ExecDomain(
    String name,
    Path path,
    List<String> exports,
    boolean queue,
    boolean processGroup,
    Duration timeout,
    int maxRestart,
    Map<String, String> env,
    String sha256,
    String description,
    Path source,
    int line) {
  /** The timeout of a call when the declaration gives none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Checks and copies. */
  public ExecDomain {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(source, "source");
    exports = List.copyOf(exports);
    env = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(env));
    if (exports.isEmpty()) {
      throw new IllegalArgumentException("exec domain " + name + ": no exports");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("exec domain " + name + ": timeout must be positive");
    }
    if (maxRestart < 0) {
      throw new IllegalArgumentException("exec domain " + name + ": max_restart < 0");
    }
  }

  /** Whether {@code method} is one of the exports. */
  public boolean exports(String method) {
    return exports.contains(method);
  }

  /** The expected SHA-256 of the executable, when the declaration gives one. */
  public Optional<String> digest() {
    return Optional.ofNullable(sha256);
  }

  /** The description, when the declaration gives one. */
  public Optional<String> describe() {
    return Optional.ofNullable(description);
  }
}
