package dev.hangar.managed;

import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.sign.SignaturePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ManagedPlugins} runs its plugins. Built with {@link #builder(Path)}; every knob has
 * a default.
 *
 * @param root Hangar's root: state under {@code <root>/managed}
 * @param runtime the OCI runtime binary; empty for {@code runc} found on the PATH
 * @param runtimeDir the short directory holding each plugin's socket dir and the runtime's
 *     state; empty for the default (see {@code docs/protocol.md}: {@code /run/hangar/<hash>} as
 *     root, else under {@code $XDG_RUNTIME_DIR} or {@code /tmp})
 * @param startTimeout how long {@code enable} waits for the plugin's socket to answer
 * @param stopGrace how long {@code disable} waits after TERM before KILL
 * @param maxPackageBytes the largest a package may expand to
 * @param publishSockets where to publish {@code <name>.sock} links of enabled plugins
 * @param logMaxBytes the size at which a plugin's log rotates
 * @param logMaxFiles how many log files are kept per plugin (the live one included)
 * @param rootless run containers in runc's rootless (user namespace) mode; by default when not
 *     root
 * @param registry the registry client pulls and pushes use (its TLS, insecure registries and
 *     default credentials); empty for one with Docker's defaults, built on first use. The
 *     caller keeps owning a client it gives
 * @param signaturePolicy the signatures every pull and upgrade checks on the manifest before
 *     fetching any layer ({@code docs/protocol.md}, "Signature policy"); by default
 *     {@link SignaturePolicy#none()}
 * @param health how enabled plugins are probed; by default {@link HealthCheck#DEFAULT}
 * @since 0.2
 */
public record ManagedSettings(Path root, Optional<Path> runtime, Optional<Path> runtimeDir,
    Duration startTimeout, Duration stopGrace, long maxPackageBytes,
    Optional<Path> publishSockets, long logMaxBytes, int logMaxFiles, boolean rootless,
    Optional<RegistryClient> registry, SignaturePolicy signaturePolicy, HealthCheck health) {

  /** The default start timeout, 30 s. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
  /** The default grace between TERM and KILL, 10 s (Docker's). */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);
  /** The default expanded-size limit of a package, 4 GiB. */
  public static final long DEFAULT_MAX_PACKAGE_BYTES = 4L << 30;
  /** The default log size before rotation, 10 MiB. */
  public static final long DEFAULT_LOG_MAX_BYTES = 10L << 20;
  /** The default number of log files kept, 3. */
  public static final int DEFAULT_LOG_MAX_FILES = 3;

  public ManagedSettings {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(runtimeDir, "runtimeDir");
    positive(startTimeout, "start timeout");
    positive(stopGrace, "stop grace");
    Objects.requireNonNull(publishSockets, "publishSockets");
    registry = Objects.requireNonNullElse(registry, Optional.empty());
    signaturePolicy = Objects.requireNonNullElse(signaturePolicy, SignaturePolicy.none());
    health = Objects.requireNonNullElse(health, HealthCheck.DEFAULT);
    if (maxPackageBytes <= 0 || logMaxBytes <= 0 || logMaxFiles < 1) {
      throw new IllegalArgumentException("sizes must be positive");
    }
  }

  private static void positive(Duration d, String what) {
    if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
  }

  /** The defaults for {@code root}: rootless when this process is not root. */
  public static ManagedSettings defaults(Path root) {
    return new ManagedSettings(root, Optional.empty(), Optional.empty(), DEFAULT_START_TIMEOUT,
        DEFAULT_STOP_GRACE, DEFAULT_MAX_PACKAGE_BYTES, Optional.empty(), DEFAULT_LOG_MAX_BYTES,
        DEFAULT_LOG_MAX_FILES, !dev.hangar.managed.internal.runtime.HostIds.isRoot(),
        Optional.empty(), SignaturePolicy.none(), HealthCheck.DEFAULT);
  }

  /** These settings with another runtime binary. */
  public ManagedSettings withRuntime(Path p) {
    return new ManagedSettings(root, Optional.of(p), runtimeDir, startTimeout, stopGrace,
        maxPackageBytes, publishSockets, logMaxBytes, logMaxFiles, rootless, registry,
        signaturePolicy, health);
  }

  /** These settings with another runtime dir. */
  public ManagedSettings withRuntimeDir(Path p) {
    return new ManagedSettings(root, runtime, Optional.of(p), startTimeout, stopGrace,
        maxPackageBytes, publishSockets, logMaxBytes, logMaxFiles, rootless, registry,
        signaturePolicy, health);
  }

  /** These settings with another start timeout. */
  public ManagedSettings withStartTimeout(Duration d) {
    return new ManagedSettings(root, runtime, runtimeDir, d, stopGrace, maxPackageBytes,
        publishSockets, logMaxBytes, logMaxFiles, rootless, registry, signaturePolicy, health);
  }

  /** These settings with another stop grace. */
  public ManagedSettings withStopGrace(Duration d) {
    return new ManagedSettings(root, runtime, runtimeDir, startTimeout, d, maxPackageBytes,
        publishSockets, logMaxBytes, logMaxFiles, rootless, registry, signaturePolicy, health);
  }

  /** These settings with another package size limit. */
  public ManagedSettings withMaxPackageBytes(long n) {
    return new ManagedSettings(root, runtime, runtimeDir, startTimeout, stopGrace, n,
        publishSockets, logMaxBytes, logMaxFiles, rootless, registry, signaturePolicy, health);
  }

  /** These settings publishing sockets in {@code dir}. */
  public ManagedSettings withPublishSockets(Path dir) {
    return new ManagedSettings(root, runtime, runtimeDir, startTimeout, stopGrace,
        maxPackageBytes, Optional.of(dir.toAbsolutePath().normalize()), logMaxBytes, logMaxFiles,
        rootless, registry, signaturePolicy, health);
  }

  /** These settings with other log limits. */
  public ManagedSettings withLogLimits(long maxBytes, int maxFiles) {
    return new ManagedSettings(root, runtime, runtimeDir, startTimeout, stopGrace,
        maxPackageBytes, publishSockets, maxBytes, maxFiles, rootless, registry, signaturePolicy,
        health);
  }

  /** These settings in or out of rootless mode. */
  public ManagedSettings withRootless(boolean r) {
    return new ManagedSettings(root, runtime, runtimeDir, startTimeout, stopGrace,
        maxPackageBytes, publishSockets, logMaxBytes, logMaxFiles, r, registry, signaturePolicy,
        health);
  }

  /** These settings with a registry client of the caller's (who keeps owning it). */
  public ManagedSettings withRegistry(RegistryClient client) {
    return new ManagedSettings(root, runtime, runtimeDir, startTimeout, stopGrace,
        maxPackageBytes, publishSockets, logMaxBytes, logMaxFiles, rootless,
        Optional.of(Objects.requireNonNull(client, "client")), signaturePolicy, health);
  }

  /** These settings with a signature policy pulls and upgrades apply. */
  public ManagedSettings withSignaturePolicy(SignaturePolicy p) {
    return new ManagedSettings(root, runtime, runtimeDir, startTimeout, stopGrace,
        maxPackageBytes, publishSockets, logMaxBytes, logMaxFiles, rootless, registry,
        Objects.requireNonNull(p, "p"), health);
  }

  /** These settings with another health check of enabled plugins. */
  public ManagedSettings withHealth(HealthCheck h) {
    return new ManagedSettings(root, runtime, runtimeDir, startTimeout, stopGrace,
        maxPackageBytes, publishSockets, logMaxBytes, logMaxFiles, rootless, registry,
        signaturePolicy, Objects.requireNonNull(h, "h"));
  }
}
