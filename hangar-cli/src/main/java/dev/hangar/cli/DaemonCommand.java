package dev.hangar.cli;

import dev.hangar.HangarRoot;
import dev.hangar.daemon.Daemon;
import dev.hangar.daemon.DaemonOptions;
import dev.hangar.daemon.client.DaemonAddress;
import dev.hangar.managed.HealthCheck;
import dev.hangar.managed.ManagedSettings;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.sign.SignaturePolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hangar daemon}: runs the daemon in the foreground until SIGINT or SIGTERM (then the
 * ordered shutdown, exit 0; a second signal exits at once). Prints {@code hangar daemon listening
 * on <uri>} on stderr for each listener once all accept.
 *
 * <p>Listeners: every {@code --host} ({@code unix:///path}; {@code tcp://host:port} only with
 * {@code --tlsverify --tlscacert --tlscert --tlskey}), else {@code unix://<root>/hangar.sock}.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
    description = {"Run the Hangar daemon: Docker's Engine API for plugins on a unix socket (or "
        + "TCP with mutual TLS), owning the root's managed plugins.",
        "Listens on every --host (default unix://<root>/hangar.sock); stops on SIGINT or SIGTERM."})
final class DaemonCommand implements Callable<Integer> {
  @ParentCommand HangarCommand top;

  @Option(names = "--runtime", paramLabel = "PATH",
      description = "The OCI runtime binary (default runc on the PATH).")
  Path runtime;

  @Option(names = "--runtime-dir", paramLabel = "DIR",
      description = "Where plugins' socket dirs and the runtime's state live (a short path; "
          + "default /run/hangar/<hash> as root, else under $XDG_RUNTIME_DIR or /tmp).")
  Path runtimeDir;

  @Option(names = "--start-timeout", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.Positive.class,
      description = "How long enable waits for a plugin's socket to answer (default 30s).")
  Duration startTimeout;

  @Option(names = "--stop-grace", paramLabel = "DURATION", defaultValue = "10s",
      converter = DurationConverter.Positive.class,
      description = "How long disable waits after TERM before KILL (default 10s).")
  Duration stopGrace;

  @Option(names = "--publish-sockets", paramLabel = "DIR",
      description = "Publish <name>.sock links of enabled plugins in DIR (e.g. a socket dir "
          + "of socket plugins).")
  Path publishSockets;

  @Option(names = "--max-package-size", paramLabel = "BYTES", converter = SizeConverter.class,
      description = "The largest a plugin package may expand to (default 4g).")
  Long maxPackageBytes;

  @Option(names = "--log-max-size", paramLabel = "BYTES", converter = SizeConverter.class,
      description = "The size at which a plugin's log rotates (default 10m).")
  Long logMaxBytes;

  @Option(names = "--log-max-files", paramLabel = "N",
      description = "How many log files are kept per plugin, the live one included (default 3).")
  Integer logMaxFiles;

  @Mixin RegistryFlags registries = new RegistryFlags();

  @Option(names = "--health-interval", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often an enabled plugin is probed with Plugin.Activate (default 30s; "
          + "0s: never).")
  Duration healthInterval;

  @Option(names = "--health-timeout", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "The limit of one probe (default 5s).")
  Duration healthTimeout;

  @Option(names = "--health-retries", paramLabel = "N",
      description = "Failed probes in a row that restart a plugin (default 3).")
  Integer healthRetries;

  @Option(names = "--docker-config", paramLabel = "DIR",
      description = "The directory of the Docker config.json whose credentials serve requests "
          + "without X-Registry-Auth (default $DOCKER_CONFIG, else ~/.docker).")
  Path dockerConfig;

  @Option(names = "--signature-policy", paramLabel = "FILE",
      description = "A signature policy (docs/protocol.md, \"Signature policy\"): every pull "
          + "and upgrade verifies the manifest's signatures as it asks before fetching a layer "
          + "(default: none required).")
  Path signaturePolicy;

  @Override
  public Integer call() {
    DaemonOptions options = options();
    Daemon daemon = Daemon.start(options);
    if (!StopSignals.install(() -> Thread.ofPlatform().name("hangar-daemon-stop")
        .start(daemon::close))) {
      Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "hangar-daemon-stop"));
    }
    for (URI u : options.effectiveHosts()) {
      top.context().err().println("hangar daemon listening on " + u);
    }
    try {
      daemon.awaitClosed();
    } catch (InterruptedException e) {
      daemon.close();
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * The daemon's options from the command line.
   *
   * @throws HangarException USAGE for a malformed --host, TLS flags that do not go together, or
   *     a bad log file count
   */
  DaemonOptions options() {
    Path root = HangarRoot.resolve(Optional.ofNullable(top.root), top.context().env());
    ManagedSettings s = ManagedSettings.defaults(root)
        .withStartTimeout(startTimeout).withStopGrace(stopGrace);
    if (runtime != null) {
      s = s.withRuntime(runtime.toAbsolutePath().normalize());
    }
    if (runtimeDir != null) {
      s = s.withRuntimeDir(runtimeDir.toAbsolutePath().normalize());
    }
    if (publishSockets != null) {
      s = s.withPublishSockets(publishSockets);
    }
    if (maxPackageBytes != null) {
      s = s.withMaxPackageBytes(maxPackageBytes);
    }
    if (logMaxFiles != null && logMaxFiles < 1) {
      throw new HangarException(ErrorCode.USAGE, "--log-max-files must be at least 1: "
          + logMaxFiles);
    }
    if (logMaxBytes != null || logMaxFiles != null) {
      s = s.withLogLimits(logMaxBytes != null ? logMaxBytes : s.logMaxBytes(),
          logMaxFiles != null ? logMaxFiles : s.logMaxFiles());
    }
    if (signaturePolicy != null) {
      s = s.withSignaturePolicy(SignaturePolicy.load(signaturePolicy.toAbsolutePath()));
    }
    if (healthInterval != null || healthTimeout != null || healthRetries != null) {
      HealthCheck d = HealthCheck.DEFAULT;
      try {
        s = s.withHealth(new HealthCheck(healthInterval != null ? healthInterval : d.interval(),
            healthTimeout != null ? healthTimeout : d.timeout(),
            healthRetries != null ? healthRetries : d.retries()));
      } catch (IllegalArgumentException e) {
        throw new HangarException(ErrorCode.USAGE, e.getMessage(), e);
      }
    }
    DaemonLink.checkTlsFlags(top);
    Optional<DaemonOptions.Tls> tls = Optional.empty();
    if (top.tlsVerify) {
      if (top.tlsCaCert == null || top.tlsCert == null || top.tlsKey == null) {
        throw new HangarException(ErrorCode.USAGE, "hangar daemon --tlsverify needs "
            + "--tlscacert, --tlscert and --tlskey (clients must present a certificate "
            + "--tlscacert signed)");
      }
      tls = Optional.of(new DaemonOptions.Tls(top.tlsCaCert.toAbsolutePath(),
          top.tlsCert.toAbsolutePath(), top.tlsKey.toAbsolutePath()));
    }
    List<URI> hosts = top.hosts.stream()
        .map(h -> DaemonAddress.parse(h, true, top.tlsVerify).uri()).toList();
    return new DaemonOptions(s, hosts, tls,
        registries.options(Optional.ofNullable(dockerConfig)));
  }
}
