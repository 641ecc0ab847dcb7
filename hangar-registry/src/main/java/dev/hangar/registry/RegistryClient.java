package dev.hangar.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.internal.BlobDownload;
import dev.hangar.registry.internal.BlobUpload;
import dev.hangar.registry.internal.ErrorMapper;
import dev.hangar.registry.internal.Json;
import dev.hangar.registry.internal.Manifests;
import dev.hangar.registry.internal.Session;
import dev.hangar.registry.internal.Subject;
import dev.hangar.registry.internal.auth.Authorizer;
import dev.hangar.registry.internal.auth.Scope;
import dev.hangar.registry.internal.http.Handler;
import dev.hangar.registry.internal.http.Request;
import dev.hangar.registry.internal.http.Response;
import dev.hangar.registry.internal.http.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the OCI distribution API (Docker registry v2): manifests by tag or digest (a
 * manifest list or OCI index resolved to the client's platform), blobs streamed to disk and
 * verified as they arrive, blob and manifest pushes, tag lists.
 *
 * <p>Every manifest's digest is computed from its exact bytes and checked against the digest it
 * was asked by and the one the registry announces; every blob's sha256 is computed as it is
 * written and nothing is left at the target when it does not match. Authentication (anonymous,
 * Basic, bearer tokens per scope) and TLS (as Docker arranges it) are the client's business:
 * see {@link Builder}.
 *
 * <p>Thread-safe. One client holds one HTTP client per registry host; {@link #withCredentials}
 * gives views with other credentials that share them. {@link #close()} closes them.
 *
 * <pre>{@code
 * Reference ref = Reference.parse("127.0.0.1:5000/plugins/vol:1.0");
 * try (RegistryClient registry = RegistryClient.builder().build()) {
 *   ImageManifest m = registry.pullManifest(ref);
 *   BlobStore store = BlobStore.at(dir);
 *   for (Descriptor layer : m.layers()) {
 *     Path file = registry.fetchBlob(Repository.of(ref), layer, store);
 *   }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class RegistryClient implements AutoCloseable {
  /** Manifests larger than this are refused (containerd's limit). */
  public static final int MAX_MANIFEST_BYTES = 4 << 20;
  private static final int MAX_TAG_PAGE_BYTES = 16 << 20;
  private static final int MAX_TAG_PAGES = 10_000;
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  private final Transport transport;
  private final Session session;
  private final Settings settings;
  private final CredentialSource credentials;
  private final boolean owner;

  private record Settings(Platform platform, long chunkSize, TransferListener listener,
      Clock clock) {}

  private RegistryClient(Transport transport, CredentialSource credentials, Settings settings,
      boolean owner) {
    this.transport = transport;
    this.settings = settings;
    this.credentials = credentials;
    this.session = new Session(transport,
        new Authorizer(transport, credentials, settings.clock()));
    this.owner = owner;
  }

  /** A builder with Docker's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A view of this client with other credentials (and a token cache of its own), sharing its
   * connections: e.g. one per daemon request carrying {@code X-Registry-Auth}. Closing a view
   * does nothing; close the client it came from.
   *
   * @param credentials the credentials of the view
   * @return the view
   */
  public RegistryClient withCredentials(CredentialSource credentials) {
    Objects.requireNonNull(credentials, "credentials");
    return new RegistryClient(transport, credentials, settings, false);
  }

  /**
   * A view of this client telling {@code l} of its blob transfers (instead of the builder's
   * listener), with the same credentials and a token cache of its own, sharing its connections:
   * e.g. one per pull, for its progress. Closing a view does nothing.
   *
   * @param l the listener
   * @return the view
   */
  public RegistryClient withListener(TransferListener l) {
    Objects.requireNonNull(l, "listener");
    return new RegistryClient(transport, credentials, new Settings(settings.platform(),
        settings.chunkSize(), l, settings.clock()), false);
  }

  /**
   * The manifest a reference names, exactly as the registry sent it: an image manifest, a
   * manifest list or an OCI index.
   *
   * @param ref the reference
   * @return the manifest; its digest is that of its bytes
   * @throws RegistryException MANIFEST_NOT_FOUND, MANIFEST_INVALID, DIGEST_MISMATCH (the bytes
   *     are not the digest asked for or announced), REGISTRY_AUTH, REGISTRY_UNREACHABLE,
   *     REGISTRY_ERROR
   */
  public RawManifest fetchManifest(Reference ref) {
    Subject s = subject(Subject.Kind.MANIFEST, ref);
    URI uri = uri(ref.registry(), "/v2/" + ref.repository() + "/manifests/" + ref.reference());
    Response<byte[]> r = session.send(s, Request.of("GET", uri,
        Map.of("Accept", MediaTypes.accept())), Scope.pull(ref.repository()),
        Handler.bytes(st -> st == 200, MAX_MANIFEST_BYTES));
    if (!r.accepted()) {
      throw session.fail(s, r);
    }
    byte[] bytes = r.body();
    Digest actual = Digest.of(bytes);
    if (ref.digest().isPresent() && !ref.digest().get().equals(actual)) {
      throw ErrorMapper.digestMismatch(s, ref.digest().get(), actual);
    }
    Optional<String> announced = r.header("Docker-Content-Digest");
    if (announced.isPresent() && Digest.isDigest(announced.get())
        && !Digest.parse(announced.get()).equals(actual)) {
      throw ErrorMapper.digestMismatch(s, Digest.parse(announced.get()), actual);
    }
    String type = Manifests.mediaType(s, r.header("Content-Type"), bytes);
    return new RawManifest(type, actual, bytes);
  }

  /**
   * The image manifest a reference names; a manifest list or OCI index is resolved to the
   * entry for the client's platform (linux/amd64 by default), fetched by digest and checked.
   *
   * @param ref the reference
   * @return the manifest, with the list it was picked from
   * @throws RegistryException as {@link #fetchManifest}; MANIFEST_NOT_FOUND when a list has no
   *     entry for the platform
   */
  public ImageManifest pullManifest(Reference ref) {
    RawManifest raw = fetchManifest(ref);
    Subject s = subject(Subject.Kind.MANIFEST, ref);
    if (!raw.isIndex()) {
      return Manifests.image(s, raw, Optional.empty());
    }
    Descriptor entry = Manifests.pick(s, raw, settings.platform());
    Reference child = Reference.ofDigest(ref.registry(), ref.repository(), entry.digest());
    RawManifest m = fetchManifest(child);
    Subject cs = subject(Subject.Kind.MANIFEST, child);
    if (m.bytes().length != entry.size()) {
      throw ErrorMapper.invalidManifest(cs, "is " + m.bytes().length + " bytes, the list entry in "
          + raw.digest() + " says " + entry.size());
    }
    return Manifests.image(cs, m, Optional.of(raw));
  }

  /**
   * A blob, into a store: not fetched when the store has it; else streamed to a partial file,
   * hashed as it arrives and moved into the store once its digest and size matched. A transfer
   * that broke keeps its partial file and the next call resumes it.
   *
   * @param repo the repository
   * @param blob the blob's descriptor
   * @param store the store
   * @return the blob's file in the store
   * @throws RegistryException DIGEST_MISMATCH (nothing is kept), BLOB_NOT_FOUND, REGISTRY_AUTH,
   *     REGISTRY_UNREACHABLE (the partial file is kept), REGISTRY_ERROR
   * @throws HangarException DISK_FULL or IO_ERROR when the store cannot be written (the partial
   *     file is removed: the message names it and the blob)
   */
  public Path fetchBlob(Repository repo, Descriptor blob, BlobStore store) {
    Path target = store.path(blob.digest());
    ReentrantLock lock = store.lock(blob.digest());
    lock.lock();
    try {
      if (Files.isRegularFile(target)) {
        settings.listener().progress(blob.digest(), blob.size(), blob.size());
        return target;
      }
      download(repo, blob.digest(), blob.size(), target, store.partial(blob.digest()));
      return target;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A blob, to a file of the caller's: streamed to {@code <target>.partial}, hashed as it
   * arrives, and moved to {@code target} (replacing it) once its digest matched.
   *
   * @param repo the repository
   * @param digest the blob
   * @param size its size, or -1 when unknown
   * @param target where it goes
   * @throws RegistryException as {@link #fetchBlob}
   * @throws HangarException as {@link #fetchBlob}
   */
  public void downloadBlob(Repository repo, Digest digest, long size, Path target) {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    download(repo, digest, size, target, partial);
  }

  private void download(Repository repo, Digest digest, long size, Path target, Path partial) {
    Subject s = new Subject(Subject.Kind.BLOB, repo.registry(), repo.name(), digest.toString());
    new BlobDownload(session, s, digest, size, settings.listener()).to(target, partial);
  }

  /**
   * Pushes a blob, computing its digest from the file first.
   *
   * @param repo the repository
   * @param file the blob's bytes
   * @param mountFrom another repository on the same registry to mount it from, or empty
   * @return the blob's descriptor (media type {@code application/octet-stream}) and how it got
   *     there
   * @throws RegistryException REGISTRY_AUTH, REGISTRY_UNREACHABLE, REGISTRY_ERROR,
   *     DIGEST_MISMATCH (the registry computed another digest)
   */
  public Pushed pushBlob(Repository repo, Path file, Optional<String> mountFrom) {
    Digest d = digestOf(file);
    long size = sizeOf(file);
    return new Pushed(Descriptor.of("application/octet-stream", d, size),
        pushBlob(repo, d, file, mountFrom));
  }

  /**
   * A pushed blob.
   *
   * @param descriptor its descriptor
   * @param how how it got into the repository
   */
  public record Pushed(Descriptor descriptor, BlobPush how) {}

  /**
   * Pushes a blob whose digest the caller knows: {@code HEAD} first (nothing is sent when the
   * repository has it), a cross-repository mount when {@code mountFrom} is given (an upload if
   * the registry declines it), else an upload: one {@code PUT}, or chunks of the builder's
   * chunk size. The registry checks the digest.
   *
   * @param repo the repository
   * @param digest the blob's digest
   * @param file its bytes
   * @param mountFrom another repository on the same registry, or empty
   * @return how it got there
   * @throws RegistryException as {@link #pushBlob(Repository, Path, Optional)}
   */
  public BlobPush pushBlob(Repository repo, Digest digest, Path file, Optional<String> mountFrom) {
    Subject s = new Subject(Subject.Kind.UPLOAD, repo.registry(), repo.name(), digest.toString());
    mountFrom.ifPresent(Reference::checkRepository);
    return new BlobUpload(session, s, digest, file, sizeOf(file), settings.chunkSize(),
        settings.listener()).push(mountFrom);
  }

  /**
   * Pushes a manifest (an image manifest, a list or an index) under a tag or its digest.
   *
   * @param ref where: a tag, or the manifest's own digest
   * @param manifest the manifest
   * @return its digest
   * @throws IllegalArgumentException when {@code ref} pins another digest
   * @throws RegistryException MANIFEST_INVALID (the registry refused it, e.g. a blob it names is
   *     missing), DIGEST_MISMATCH (the registry announced another digest), REGISTRY_AUTH,
   *     REGISTRY_UNREACHABLE, REGISTRY_ERROR
   */
  public Digest pushManifest(Reference ref, RawManifest manifest) {
    if (ref.digest().isPresent() && !ref.digest().get().equals(manifest.digest())) {
      throw new IllegalArgumentException(ref + " pins another digest than the manifest's "
          + manifest.digest());
    }
    Subject s = subject(Subject.Kind.MANIFEST_PUSH, ref);
    byte[] bytes = manifest.bytes();
    URI uri = uri(ref.registry(), "/v2/" + ref.repository() + "/manifests/" + ref.reference());
    Response<Void> r = session.send(s, new Request("PUT", uri,
        Map.of("Content-Type", manifest.mediaType()),
        a -> HttpRequest.BodyPublishers.ofByteArray(bytes)), Scope.push(ref.repository()),
        Handler.discard(st -> st == 201 || st == 200));
    if (!r.accepted()) {
      throw session.fail(s, r);
    }
    Optional<String> announced = r.header("Docker-Content-Digest");
    if (announced.isPresent() && Digest.isDigest(announced.get())
        && !Digest.parse(announced.get()).equals(manifest.digest())) {
      throw ErrorMapper.digestMismatch(s, manifest.digest(), Digest.parse(announced.get()));
    }
    return manifest.digest();
  }

  /**
   * The tags of a repository, every page of them ({@code Link: <...>; rel="next"} followed).
   *
   * @param repo the repository
   * @return the tags, in the registry's order, without duplicates
   * @throws RegistryException MANIFEST_NOT_FOUND (no such repository), REGISTRY_AUTH,
   *     REGISTRY_UNREACHABLE, REGISTRY_ERROR
   */
  public List<String> listTags(Repository repo) {
    Subject s = new Subject(Subject.Kind.TAGS, repo.registry(), repo.name(), "");
    Set<String> tags = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    URI next = uri(repo.registry(), "/v2/" + repo.name() + "/tags/list");
    for (int page = 0; next != null; page++) {
      if (page >= MAX_TAG_PAGES || !seen.add(next.toString())) {
        throw ErrorMapper.protocol(s, 200, "its tag list pages do not end");
      }
      Response<byte[]> r = session.send(s, Request.of("GET", next,
          Map.of("Accept", "application/json")), Scope.pull(repo.name()),
          Handler.bytes(st -> st == 200, MAX_TAG_PAGE_BYTES));
      if (!r.accepted()) {
        throw session.fail(s, r);
      }
      try {
        JsonNode n = Json.MAPPER.readTree(r.body());
        for (JsonNode t : n.path("tags")) {
          tags.add(t.asText());
        }
      } catch (IOException e) {
        throw ErrorMapper.protocol(s, r.status(), "its tag list is not JSON");
      }
      next = null;
      for (String link : r.headers().allValues("Link")) {
        Matcher m = NEXT_LINK.matcher(link);
        if (m.find()) {
          next = r.uri().resolve(m.group(1));
        }
      }
    }
    return new ArrayList<>(tags);
  }

  /**
   * Checks this client's credentials for a registry as {@code docker login} does: {@code GET /v2/}
   * with them, through the registry's bearer token flow when it asks for tokens.
   *
   * @param registry the registry host as in references ({@code docker.io}, {@code host:port})
   * @throws RegistryException REGISTRY_AUTH (the credentials are refused), REGISTRY_UNREACHABLE,
   *     REGISTRY_ERROR
   */
  public void checkCredentials(String registry) {
    Subject s = new Subject(Subject.Kind.PING, registry, "", "");
    Response<Void> r = session.send(s, Request.of("GET", uri(registry, "/v2/"), Map.of()),
        Scope.NONE, Handler.discard(st -> st == 200));
    if (!r.accepted()) {
      throw session.fail(s, r);
    }
  }

  /** Closes the connections of this client and of every view of it; a view's close does nothing. */
  @Override
  public void close() {
    if (owner) {
      transport.close();
    }
  }

  private URI uri(String registry, String path) {
    return session.endpoint(registry).resolve(path);
  }

  private static Subject subject(Subject.Kind kind, Reference ref) {
    return new Subject(kind, ref.registry(), ref.repository(), ref.reference());
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static Digest digestOf(Path file) {
    var md = Digest.newSha256();
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, file + ": cannot read: " + e.getMessage(), e);
    }
    return Digest.of(md);
  }

  /**
   * Settings of a {@link RegistryClient}; every one has a default.
   *
   * @since 0.1
   */
  public static final class Builder {
    /** Docker's default {@code certs.d}. */
    public static final Path DOCKER_CERTS_DIR = Path.of("/etc/docker/certs.d");
    /** Default connect timeout (Docker's registry dialer uses 30 s). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Default stall timeout: how long an exchange may move no bytes (as {@code hangar get}). */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

    private CredentialSource credentials;
    private Path certsDir = DOCKER_CERTS_DIR;
    private final List<Path> extraCas = new ArrayList<>();
    private final Set<String> insecure = new HashSet<>();
    private Duration connect = DEFAULT_CONNECT_TIMEOUT;
    private Duration stall = DEFAULT_STALL_TIMEOUT;
    private Platform platform = Platform.LINUX_AMD64;
    private long chunkSize;
    private TransferListener listener = TransferListener.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Where credentials come from. Default: {@link DockerConfig#fromEnvironment()}.
     *
     * @param source the source ({@link CredentialSource#NONE} for anonymous access only)
     * @return this
     */
    public Builder credentials(CredentialSource source) {
      this.credentials = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Docker's per-registry TLS directory: {@code <dir>/<host:port>/*.crt} are trusted CAs,
     * {@code <name>.cert} + {@code <name>.key} a client certificate. Default
     * {@code /etc/docker/certs.d}.
     *
     * @param dir the directory (need not exist)
     * @return this
     */
    public Builder certsDir(Path dir) {
      this.certsDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * A PEM CA file trusted for every registry, besides the system's roots
     * ({@code --registry-ca}).
     *
     * @param caFile the file
     * @return this
     */
    public Builder extraCa(Path caFile) {
      extraCas.add(Objects.requireNonNull(caFile, "caFile"));
      return this;
    }

    /**
     * A registry ({@code host[:port]}) that may be spoken to over plain http, and over https
     * without certificate checks, as Docker's {@code --insecure-registry}. Loopback registries
     * may use plain http without being named.
     *
     * @param registry the registry
     * @return this
     */
    public Builder insecureRegistry(String registry) {
      insecure.add(Objects.requireNonNull(registry, "registry"));
      return this;
    }

    /**
     * The connect timeout. Default 30 s.
     *
     * @param timeout the timeout
     * @return this
     */
    public Builder connectTimeout(Duration timeout) {
      this.connect = positive(timeout, "connect timeout");
      return this;
    }

    /**
     * How long an exchange may move no bytes before it is abandoned (REGISTRY_UNREACHABLE).
     * Default 60 s.
     *
     * @param timeout the timeout
     * @return this
     */
    public Builder stallTimeout(Duration timeout) {
      this.stall = positive(timeout, "stall timeout");
      return this;
    }

    /**
     * The platform picked from manifest lists. Default linux/amd64.
     *
     * @param p the platform
     * @return this
     */
    public Builder platform(Platform p) {
      this.platform = Objects.requireNonNull(p, "platform");
      return this;
    }

    /**
     * Uploads blobs larger than {@code bytes} in {@code PATCH} chunks of that size; 0 (the
     * default) sends every blob in one {@code PUT}.
     *
     * @param bytes the chunk size, or 0
     * @return this
     */
    public Builder chunkSize(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("chunk size must not be negative: " + bytes);
      }
      this.chunkSize = bytes;
      return this;
    }

    /**
     * Told of blob transfers. Default none.
     *
     * @param l the listener
     * @return this
     */
    public Builder listener(TransferListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /**
     * The clock token lifetimes are measured on (for tests). Default the system clock.
     *
     * @param c the clock
     * @return this
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** The client. */
    public RegistryClient build() {
      CredentialSource source = credentials != null ? credentials
          : DockerConfig.fromEnvironment();
      Transport t = new Transport(new Transport.Settings(certsDir, extraCas, insecure, connect,
          stall));
      return new RegistryClient(t, source, new Settings(platform, chunkSize, listener, clock),
          true);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
