package dev.hangar.resource;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.api.resource.ExpireInfo;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import dev.hangar.internal.resource.BackgroundSync;
import dev.hangar.internal.resource.Digests;
import dev.hangar.internal.resource.DownloadFiles;
import dev.hangar.internal.resource.DownloadMeta;
import dev.hangar.internal.resource.ResourceErrors;
import dev.hangar.internal.resource.StallWatch;
import dev.hangar.internal.resource.Transfer;
import dev.hangar.observe.HostObserver;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Downloads a resource into a file through the registry's client for its scheme.
 *
 * <p>The bytes go to {@code .NAME.hangar-part} beside the target, which is renamed atomically
 * onto the target on success: a partial file never carries the final name. A transfer that
 * breaks keeps the partial file (with its expiry information in {@code .NAME.hangar-part-meta})
 * so that {@link DownloadRequest#resume()} can continue it with a range, when the client supports
 * ranges and the resource has not changed; otherwise the download starts over. A finished
 * download's expiry information is kept in {@code .NAME.hangar-meta}; a later download of the same
 * URI and range asks the client's {@code isExpired} and skips the transfer when the copy is
 * current. A digest is computed while streaming; on a mismatch the partial file is removed.
 *
 * <p>With {@link DownloadRequest#sync()} the partial file is forced to disk before the rename,
 * so that the final name never shows a partial file, even after a crash; most of that disk
 * writing is done in the background while the transfer runs.
 *
 * <p>Thread-safe; two concurrent downloads to the same target are not supported.
 *
 * @since 0.1
 */
public final class Downloader {
  /**
   * The default stall timeout: a download during which nothing moves for this long (no byte
   * arrives, or a client call does not return) is given up.
   */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

  private final ResourceRegistry registry;
  private final Duration stallTimeout;
  private final HostObserver observer;

  /** A downloader using the clients of {@code registry}, with the default stall timeout. */
  public Downloader(ResourceRegistry registry) {
    this(registry, DEFAULT_STALL_TIMEOUT);
  }

  /**
   * A downloader using the clients of {@code registry} that gives up on a download when nothing
   * moves for {@code stallTimeout}: it closes the response being read and interrupts the
   * downloading thread, which ends a read blocked in a plugin's stream and any plugin call that
   * heeds interrupts (a partial file is kept for {@link DownloadRequest#resume()}).
   *
   * @throws IllegalArgumentException when {@code stallTimeout} is not positive
   */
  public Downloader(ResourceRegistry registry, Duration stallTimeout) {
    this(registry, stallTimeout, HostObserver.NONE);
  }

  /**
   * {@link #Downloader(ResourceRegistry, Duration)} telling {@code observer} of the bytes each
   * download transferred ({@link HostObserver#downloaded}, e.g. {@code hangar_get_bytes_total}
   * of {@code hangar-metrics}), by the URI's scheme.
   *
   * @since 0.3
   */
  public Downloader(ResourceRegistry registry, Duration stallTimeout, HostObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.registry = Objects.requireNonNull(registry, "registry");
    if (stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("stall timeout must be positive: " + stallTimeout);
    }
    this.stallTimeout = stallTimeout;
  }

  /**
   * The default file name for {@code uri}: its last path segment.
   *
   * @return the name, or empty when the segment is empty, {@code .} or {@code ..}
   */
  public static Optional<String> fileNameOf(URI uri) {
    String path = uri.getPath();
    if (path == null) {
      return Optional.empty();
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    return Optional.of(name);
  }

  /**
   * Downloads as {@code request} says.
   *
   * @param listener hears the progress (use {@link DownloadListener#NONE} for none)
   * @return what was done
   * @throws HangarException {@link ErrorCode#UNKNOWN_SCHEME}, {@code RESOURCE_NOT_FOUND},
   *     {@code RESOURCE_UNREACHABLE}, {@code DOWNLOAD_FAILED}, {@code RANGE_NOT_SATISFIABLE},
   *     {@code DIGEST_MISMATCH}, {@code DISK_FULL} or {@code IO_ERROR}
   */
  public DownloadResult download(DownloadRequest request, DownloadListener listener) {
    ResourceClient client = registry.require(request.uri());
    DownloadFiles files = DownloadFiles.of(request.target());
    if (!Files.isDirectory(files.target().getParent())) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot write " + files.target()
          + ": directory " + files.target().getParent() + " does not exist");
    }
    StallWatch watch = StallWatch.start(stallTimeout);
    try {
      Optional<DownloadResult> current = upToDate(client, request, files);
      if (current.isPresent()) {
        return current.get();
      }
      DownloadResult done = new Attempt(client, request, files, listener, watch).run();
      if (done.transferred() > 0) {
        observer.downloaded(request.uri().getScheme().toLowerCase(java.util.Locale.ROOT),
            done.transferred());
      }
      return done;
    } catch (IOException e) {
      throw watch.stalled() ? stalled(request, files, e) : ResourceErrors.fromClient(e,
          request.uri());
    } catch (HangarException e) {
      throw watch.stalled() ? stalled(request, files, e) : e;
    } catch (RuntimeException e) {
      throw watch.stalled() ? stalled(request, files, e) : new HangarException(
          ErrorCode.DOWNLOAD_FAILED, "the resource client for scheme '"
          + request.uri().getScheme() + "' failed on " + request.uri() + ": " + e, e);
    } finally {
      watch.close();
      listener.ended();
    }
  }

  /** The error of a download given up by the stall watch, whatever the interrupted step threw. */
  private HangarException stalled(DownloadRequest request, DownloadFiles files, Exception cause) {
    String kept = "";
    try {
      if (Files.isRegularFile(files.part()) && Files.size(files.part()) > 0) {
        kept = "; the partial file " + files.part() + " is kept: run again with --resume";
      }
    } catch (IOException e) {
      // nothing to say about it
    }
    return new HangarException(ErrorCode.DOWNLOAD_FAILED, "download of " + request.uri()
        + " stalled: nothing moved for " + Durations.format(stallTimeout)
        + " (the stall timeout), so it was given up" + kept, cause);
  }

  private static Optional<DownloadResult> upToDate(ResourceClient client, DownloadRequest req,
      DownloadFiles files) throws IOException {
    if (!Files.isRegularFile(files.target())) {
      return Optional.empty();
    }
    Optional<DownloadMeta> meta = DownloadMeta.read(files.meta())
        .filter(m -> m.describes(req.uri(), req.range()) && !m.expireInfo().isEmpty());
    if (meta.isEmpty() || meta.get().size() != Files.size(files.target())) {
      return Optional.empty();
    }
    ResourceRequest rr = new ResourceRequest(req.uri(), req.headers(), null);
    if (client.isExpired(rr, meta.get().expireInfo())) {
      return Optional.empty();
    }
    if (req.digest() != null
        && !Digests.ofFile(files.target(), req.digest()).equals(req.digest().hex())) {
      return Optional.empty();
    }
    return Optional.of(new DownloadResult(files.target(), DownloadResult.Outcome.UP_TO_DATE,
        meta.get().size(), 0));
  }

  /** One attempt: decides on resuming, transfers, verifies and renames. */
  private record Attempt(ResourceClient client, DownloadRequest req, DownloadFiles files,
      DownloadListener listener, StallWatch watch) {

    DownloadResult run() throws IOException {
      ResourceRequest base = new ResourceRequest(req.uri(), req.headers(), null);
      ByteRange range = req.range();
      long start = range == null ? 0 : range.start();
      long offset = 0;
      ExpireInfo partInfo = ExpireInfo.NONE;
      if (req.resume() && Files.isRegularFile(files.part()) && Files.size(files.part()) > 0) {
        Optional<DownloadMeta> pm = DownloadMeta.read(files.partMeta())
            .filter(m -> m.describes(req.uri(), range) && !m.expireInfo().isEmpty());
        if (pm.isPresent() && client.supportsRange(base)
            && !client.isExpired(base, pm.get().expireInfo())) {
          offset = Files.size(files.part());
          partInfo = pm.get().expireInfo();
        }
      }
      long wanted = range != null && range.end() != -1 ? range.length() : -1;
      if (offset > 0 && wanted == -1) {
        long total = client.contentLength(base);
        wanted = total == -1 ? -1 : total - start;
      }
      if (wanted != -1 && offset > wanted) {
        offset = 0;
      }
      if (offset > 0 && offset == wanted) {
        return finish(partInfo, offset, 0, DownloadResult.Outcome.RESUMED);
      }
      ByteRange ask = range == null && offset == 0 ? null
          : new ByteRange(start + offset, range == null ? -1 : range.end());
      ResourceResponse resp = client.download(base.withRange(ask));
      watch.reading(resp);
      InputStream body = watch.watched(resp.body());
      try (resp) {
        checkStatus(resp);
        if (offset > 0 && (resp.status() != 206 || changed(partInfo, resp.expireInfo()))) {
          resp.close();
          Files.deleteIfExists(files.part());
          Files.deleteIfExists(files.partMeta());
          return new Attempt(client, req.withResume(false), files, listener, watch).run();
        }
        long bodyStart = resp.status() == 206 ? start + offset : 0;
        Transfer.skip(body, start + offset - bodyStart, req.uri());
        // what the body holds from the first byte wanted on (-1: not said)
        long available = resp.contentLength() == -1 ? -1
            : Math.max(0, resp.contentLength() - (start + offset - bodyStart));
        long limit = wanted == -1 ? -1 : wanted - offset;
        if (limit != -1 && available != -1 && available < limit) {
          limit = available; // the resource ends before the range does: HTTP's rule, its end
        }
        long expected = limit != -1 ? limit : available;
        return transfer(resp, body, offset, limit, expected);
      }
    }

    private DownloadResult transfer(ResourceResponse resp, InputStream body, long offset,
        long limit, long expected) throws IOException {
      try {
        if (resp.expireInfo().isEmpty()) {
          Files.deleteIfExists(files.partMeta());
        } else {
          DownloadMeta.of(req.uri(), req.range(), resp.expireInfo(), -1).write(files.partMeta());
        }
      } catch (IOException e) {
        throw ResourceErrors.fromWrite(e, files.partMeta());
      }
      MessageDigest md = req.digest() == null ? null : Digests.of(req.digest());
      if (md != null && offset > 0) {
        watch.suspend(); // hashing what is already here is not waiting for the client
        Digests.update(md, files.part(), offset);
        watch.resume();
      }
      listener.started(expected == -1 ? -1 : offset + expected, offset);
      long copied;
      try (FileChannel ch = openPart(offset);
          BackgroundSync sync = req.sync() ? BackgroundSync.start(ch) : BackgroundSync.NONE) {
        try {
          copied = Transfer.copy(body, ch, limit, offset, md, listener, req.uri(),
              files.part(), sync);
          watch.suspend(); // the body is read: what is left (forcing, renaming) is local work
        } catch (HangarException e) {
          sync.close();
          if (e.code() == ErrorCode.DISK_FULL) {
            ch.close();
            throw nothingKept(e);
          }
          throw keptForResume(e, ch.size());
        }
        if (expected != -1 && copied < expected) {
          throw new HangarException(ErrorCode.DOWNLOAD_FAILED, "download of " + req.uri()
              + " ended after " + (offset + copied) + " of " + (offset + expected)
              + " bytes; the partial file " + files.part() + " is kept: run again with --resume");
        }
        sync.finish();
        if (md != null) {
          String actual = java.util.HexFormat.of().formatHex(md.digest());
          if (!actual.equals(req.digest().hex())) {
            ch.close();
            Files.deleteIfExists(files.part());
            Files.deleteIfExists(files.partMeta());
            throw new HangarException(ErrorCode.DIGEST_MISMATCH, req.digest().algorithm()
                + " of " + req.uri() + " does not match: expected " + req.digest().hex()
                + ", actual " + actual + "; nothing was kept");
          }
        }
        if (req.sync()) {
          ch.force(true);
        }
      } catch (IOException e) {
        HangarException failed = ResourceErrors.fromWrite(e, files.part());
        throw failed.code() == ErrorCode.DISK_FULL ? nothingKept(failed) : failed;
      }
      return finish(resp.expireInfo(), offset + copied, copied,
          offset > 0 ? DownloadResult.Outcome.RESUMED : DownloadResult.Outcome.DOWNLOADED);
    }

    /**
     * A full disk: the partial file goes (keeping it would keep the disk full, and a download
     * that cannot finish here is no use to resume), so nothing is half-written.
     */
    private HangarException nothingKept(HangarException e) {
      try {
        Files.deleteIfExists(files.part());
        Files.deleteIfExists(files.partMeta());
      } catch (IOException x) {
        e.addSuppressed(x);
        return e;
      }
      return new HangarException(e.code(), e.getMessage() + " (downloading " + req.uri()
          + "); nothing was kept", e.getCause());
    }

    private HangarException keptForResume(HangarException e, long size) {
      if (e.code() != ErrorCode.DOWNLOAD_FAILED && e.code() != ErrorCode.RESOURCE_UNREACHABLE) {
        return e;
      }
      return new HangarException(e.code(), e.getMessage() + "; the partial file " + files.part()
          + " (" + size + " bytes) is kept: run again with --resume", e);
    }

    private FileChannel openPart(long offset) throws IOException {
      if (offset == 0) {
        return FileChannel.open(files.part(), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      }
      FileChannel ch = FileChannel.open(files.part(), StandardOpenOption.WRITE);
      ch.truncate(offset);
      ch.position(offset);
      return ch;
    }

    private DownloadResult finish(ExpireInfo info, long size, long copied,
        DownloadResult.Outcome outcome) {
      try {
        Files.deleteIfExists(files.meta());
        try {
          Files.move(files.part(), files.target(), StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          throw new HangarException(ErrorCode.IO_ERROR, "cannot rename " + files.part()
              + " to " + files.target() + " atomically", e);
        }
        if (!info.isEmpty()) {
          DownloadMeta.of(req.uri(), req.range(), info, size).write(files.meta());
        }
        Files.deleteIfExists(files.partMeta());
      } catch (IOException e) {
        throw ResourceErrors.fromWrite(e, files.target());
      }
      return new DownloadResult(files.target(), outcome, size, copied);
    }

    private void checkStatus(ResourceResponse resp) {
      int s = resp.status();
      if (s == 200 || s == 206) {
        return;
      }
      if (s == 404 || s == 410) {
        throw new HangarException(ErrorCode.RESOURCE_NOT_FOUND,
            "resource not found: " + req.uri() + " (status " + s + ")");
      }
      if (s == 416) {
        throw new HangarException(ErrorCode.RANGE_NOT_SATISFIABLE, "range "
            + req.byteRange().map(ByteRange::toHeader).orElse("(resumed)")
            + " lies outside " + req.uri() + " (status 416)");
      }
      throw new HangarException(ErrorCode.DOWNLOAD_FAILED,
          "download of " + req.uri() + " failed: status " + s);
    }

    private static boolean changed(ExpireInfo before, ExpireInfo now) {
      return before.etag() != null && now.etag() != null && !before.etag().equals(now.etag());
    }
  }
}
