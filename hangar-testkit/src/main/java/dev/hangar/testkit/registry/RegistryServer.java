package dev.hangar.testkit.registry;

import dev.hangar.testkit.net.NetNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code docker-registry} ({@code /usr/bin/docker-registry serve CONFIG}) on a free
 * port (of {@code 127.0.0.1} unless {@link Builder#listen} says otherwise), its storage and
 * config in a directory of the test's. The port is the one the registry itself reports
 * ({@code listening on 127.0.0.1:N}), so no port is guessed. {@link Builder#in} runs it in a
 * network namespace, {@link Builder#proxy} makes it a pull-through cache of another registry.
 * {@link #kill()} stops it with SIGKILL (mid-transfer if need be) and {@link #restart()} brings
 * it back on the same port with the same storage.
 *
 * <pre>{@code
 * try (RegistryServer registry = RegistryServer.builder(tempDir).start()) {
 *   String host = registry.address();   // 127.0.0.1:PORT
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class RegistryServer implements AutoCloseable {
  /** Where Debian installs the registry. */
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Pattern LISTENING = Pattern.compile("listening on (\\S+?)(?:,|\"| |$)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final String ANY = "0.0.0.0";

  private final Builder config;
  private final Path configFile;
  private final List<String> log = new ArrayList<>();
  private Process process;
  private String address;

  private RegistryServer(Builder config) {
    this.config = config;
    this.configFile = config.dir.resolve("config.yml");
  }

  /**
   * A registry whose files (config, storage, log) go under {@code dir}.
   *
   * @param dir a directory of the test's
   * @return the builder
   */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** Whether Debian's registry is installed (tests need it: {@code apt-get install docker-registry}). */
  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /**
   * {@code HOST:PORT}, as references name the registry: the {@linkplain Builder#listen listen
   * address} ({@code 127.0.0.1} by default), and {@code 127.0.0.1} when it listens on every
   * address ({@code 0.0.0.0}), as processes of its own network namespace reach it.
   */
  public String address() {
    return address;
  }

  /** The port. */
  public int port() {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  /** The storage root (the filesystem driver's {@code rootdirectory}). */
  public Path storage() {
    return config.dir.resolve("storage");
  }

  /**
   * The file holding a blob's bytes in the storage, for tests that tamper with it.
   *
   * @param hex the blob's sha256 in hex
   * @return {@code <storage>/docker/registry/v2/blobs/sha256/<2>/<hex>/data}
   */
  public Path blobFile(String hex) {
    return storage().resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2))
        .resolve(hex).resolve("data");
  }

  /** What the registry logged so far. */
  public synchronized List<String> log() {
    return List.copyOf(log);
  }

  /** The requests it answered so far, in the order answered (from its log). */
  public List<RegistryRequest> requests() {
    return log().stream().flatMap(l -> RegistryRequest.parse(l).stream()).toList();
  }

  /**
   * Kills the registry with SIGKILL and waits for it to be gone.
   *
   * @throws IllegalStateException when it does not die within 10 s
   */
  public void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("docker-registry did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    process = null;
  }

  /**
   * Starts the registry again on the same port with the same storage.
   *
   * @throws IOException when it cannot be started
   */
  public void restart() throws IOException {
    kill();
    launch(config.listen + ":" + port());
  }

  @Override
  public void close() {
    kill();
  }

  private void launch(String addr) throws IOException {
    Files.createDirectories(storage());
    Files.writeString(configFile, yaml(addr));
    List<String> command = List.of(BINARY.toString(), "serve", configFile.toString());
    Process p = new ProcessBuilder(config.netns == null ? command : config.netns.command(command))
        .redirectErrorStream(true).start();
    process = p;
    CompletableFuture<String> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (this) {
            log.add(line);
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            listening.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        // The process is gone.
      }
      listening.completeExceptionally(new IOException("docker-registry exited: " + log()));
    }, "docker-registry-log");
    reader.setDaemon(true);
    reader.start();
    try {
      String reported = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      String host = config.listen.equals(ANY) ? "127.0.0.1" : config.listen;
      address = host + reported.substring(reported.lastIndexOf(':'));
    } catch (ExecutionException | TimeoutException e) {
      kill();
      throw new IOException("docker-registry did not start: " + log(), e);
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private String yaml(String addr) {
    StringBuilder y = new StringBuilder();
    y.append("version: 0.1\n");
    y.append("log:\n  level: info\n  formatter: text\n");
    y.append("storage:\n  filesystem:\n    rootdirectory: ").append(storage()).append('\n');
    y.append("  delete:\n    enabled: true\n");
    y.append("  maintenance:\n    uploadpurging:\n      enabled: false\n");
    y.append("http:\n  addr: ").append(addr).append('\n');
    if (config.tlsCert != null) {
      y.append("  tls:\n    certificate: ").append(config.tlsCert).append('\n');
      y.append("    key: ").append(config.tlsKey).append('\n');
      if (config.clientCa != null) {
        y.append("    clientcas:\n      - ").append(config.clientCa).append('\n');
      }
    }
    if (config.remoteUrl != null) {
      // A pull-through cache: refuses pushes, fetches what it lacks from the remote and keeps it.
      y.append("proxy:\n  remoteurl: ").append(config.remoteUrl).append('\n');
    }
    if (config.htpasswd != null) {
      y.append("auth:\n  htpasswd:\n    realm: hangar-test\n    path: ").append(config.htpasswd)
          .append('\n');
    } else if (config.tokenRealm != null) {
      y.append("auth:\n  token:\n    realm: ").append(config.tokenRealm).append('\n');
      y.append("    service: ").append(config.tokenService).append('\n');
      y.append("    issuer: ").append(config.tokenIssuer).append('\n');
      y.append("    rootcertbundle: ").append(config.tokenRoots).append('\n');
    }
    return y.toString();
  }

  /**
   * How to run the registry.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Path dir;
    private String listen = "127.0.0.1";
    private NetNamespace netns;
    private String remoteUrl;
    private Path htpasswd;
    private Path tlsCert;
    private Path tlsKey;
    private Path clientCa;
    private String tokenRealm;
    private String tokenService;
    private String tokenIssuer;
    private Path tokenRoots;

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * The IPv4 address to listen on (a free port of it): {@code 127.0.0.1} by default, an
     * address of the registry's network namespace, or {@code 0.0.0.0} for all of them.
     *
     * @param host an IPv4 address
     * @return this
     */
    public Builder listen(String host) {
      this.listen = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Runs the registry in a network namespace ({@code nsenter --net=/run/netns/<name>}),
     * its storage and log as without one.
     *
     * @param namespace the namespace
     * @return this
     */
    public Builder in(NetNamespace namespace) {
      this.netns = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /**
     * Makes the registry a pull-through cache of {@code remoteUrl} (the registry's
     * {@code proxy.remoteurl}): it serves what it holds, fetches the rest from the remote and
     * keeps it in its storage, and refuses pushes. The remote is spoken to over plain HTTP when
     * the URL says {@code http://}.
     *
     * @param remoteUrl e.g. {@code http://10.77.0.1:5000}
     * @return this
     */
    public Builder proxy(String remoteUrl) {
      this.remoteUrl = Objects.requireNonNull(remoteUrl, "remoteUrl");
      return this;
    }

    /**
     * Basic auth from an htpasswd file (bcrypt entries; see {@link Htpasswd}).
     *
     * @param file the file
     * @return this
     */
    public Builder htpasswd(Path file) {
      this.htpasswd = file;
      return this;
    }

    /**
     * Serves TLS.
     *
     * @param cert the server certificate (PEM)
     * @param key its key (PEM)
     * @return this
     */
    public Builder tls(Path cert, Path key) {
      this.tlsCert = cert;
      this.tlsKey = key;
      return this;
    }

    /**
     * Requires client certificates issued by this CA (with {@link #tls}).
     *
     * @param ca the CA (PEM)
     * @return this
     */
    public Builder clientCa(Path ca) {
      this.clientCa = ca;
      return this;
    }

    /**
     * Bearer-token auth with tokens from {@code server}.
     *
     * @param server the token server
     * @return this
     */
    public Builder token(TokenServer server) {
      this.tokenRealm = server.realm();
      this.tokenService = server.service();
      this.tokenIssuer = server.issuer();
      this.tokenRoots = server.rootCertBundle();
      return this;
    }

    /**
     * Starts the registry and waits until it listens.
     *
     * @return the running registry
     * @throws IOException when it does not start (its log included)
     */
    public RegistryServer start() throws IOException {
      Files.createDirectories(dir);
      RegistryServer s = new RegistryServer(this);
      s.launch(listen + ":0");
      return s;
    }
  }
}
