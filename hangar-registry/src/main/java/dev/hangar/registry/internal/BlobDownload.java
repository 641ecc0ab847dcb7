package dev.hangar.registry.internal;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.IoErrors;
import dev.hangar.registry.Digest;
import dev.hangar.registry.RegistryException;
import dev.hangar.registry.TransferListener;
import dev.hangar.registry.internal.auth.Scope;
import dev.hangar.registry.internal.http.FileSink;
import dev.hangar.registry.internal.http.Handler;
import dev.hangar.registry.internal.http.Request;
import dev.hangar.registry.internal.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Downloads one blob into a partial file beside its target, hashing as bytes arrive, and moves
 * it to the target only once its digest (and size, when known) matched. A broken transfer keeps
 * the partial file, and the next attempt asks for the rest with {@code Range} (re-hashing what
 * it kept); a mismatch removes it, and so does a failure to write it (a full disk).
 */
public final class BlobDownload {
  private static final int HASH_BUFFER = 1 << 20;
  private static final long BAD_RANGE = -3L;
  private static final long CANNOT_WRITE = -2L;

  private final Session session;
  private final Subject subject;
  private final Digest digest;
  private final long size;
  private final TransferListener listener;

  /**
   * @param session the session
   * @param subject the blob ({@code kind} BLOB, reference its digest)
   * @param digest its digest
   * @param size its size, or -1 when unknown
   * @param listener told of progress
   */
  public BlobDownload(Session session, Subject subject, Digest digest, long size,
      TransferListener listener) {
    this.session = session;
    this.subject = subject;
    this.digest = digest;
    this.size = size;
    this.listener = listener;
  }

  /**
   * Downloads to {@code target} by way of {@code partial}.
   *
   * @param target where the verified blob goes (replaced if present)
   * @param partial where the bytes go until then
   * @throws RegistryException on any failure of the registry's; DIGEST_MISMATCH leaves neither
   *     file
   * @throws HangarException DISK_FULL or IO_ERROR when a file cannot be written (naming it and
   *     the blob); the partial file is removed
   */
  public void to(Path target, Path partial) {
    for (int attempt = 0; ; attempt++) {
      long have = prepare(partial);
      MessageDigest md = hashed(partial, have);
      if (size >= 0 && have == size) {
        finish(md, have, target, partial);
        return;
      }
      Outcome o = fetch(partial, have, md);
      if (o == Outcome.RESTART && attempt == 0) {
        delete(partial);
        continue;
      }
      finish(md, o.total, target, partial);
      return;
    }
  }

  /** How one exchange ended. */
  private static final class Outcome {
    static final Outcome RESTART = new Outcome(-1);
    final long total;

    Outcome(long total) {
      this.total = total;
    }
  }

  private Outcome fetch(Path partial, long have, MessageDigest md) {
    String path = "/v2/" + subject.repository() + "/blobs/" + digest;
    Map<String, String> headers = have > 0 ? Map.of("Range", "bytes=" + have + "-") : Map.of();
    AtomicReference<FileChannel> channel = new AtomicReference<>();
    AtomicReference<FileSink> sink = new AtomicReference<>();
    AtomicReference<IOException> openFailure = new AtomicReference<>();
    Handler<Long> h = new Handler<>() {
      @Override
      public boolean accepts(int status) {
        return status == 200 || (status == 206 && have > 0);
      }

      @Override
      public HttpResponse.BodySubscriber<Long> subscriber(HttpResponse.ResponseInfo info,
          dev.hangar.registry.internal.http.Activity activity) {
        if (info.statusCode() == 206 && !rangeStartsAt(info, have)) {
          return HttpResponse.BodySubscribers.replacing(Long.valueOf(BAD_RANGE));
        }
        long start = info.statusCode() == 206 ? have : 0;
        try {
          FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
          channel.set(ch);
          if (start == 0) {
            ch.truncate(0);
            md.reset();
          } else {
            listener.resumed(digest, have);
          }
          ch.position(start);
        } catch (IOException e) {
          openFailure.set(e);
          return HttpResponse.BodySubscribers.replacing(Long.valueOf(CANNOT_WRITE));
        }
        FileSink s = new FileSink(channel.get(), md, start, size, activity,
            n -> listener.progress(digest, n, size));
        sink.set(s);
        return s;
      }
    };
    Response<Long> r;
    try {
      try {
        r = session.send(subject, Request.of("GET", session.endpoint(subject.registry())
            .resolve(path), headers), Scope.pull(subject.repository()), h);
      } finally {
        close(channel.get());
      }
    } catch (RegistryException e) {
      if (sink.get() != null && sink.get().writeFailure().isPresent()) {
        throw cannotWrite(partial, sink.get().writeFailure().get());
      }
      if (sink.get() != null && sink.get().overrun()) {
        delete(partial);
        throw ErrorMapper.of(ErrorCode.DIGEST_MISMATCH, subject, "the registry sent more than the "
            + size + " bytes the descriptor announces; nothing was kept");
      }
      long kept = sizeOf(partial);
      if (e.code() == ErrorCode.REGISTRY_UNREACHABLE && kept > 0) {
        throw new RegistryException(e.code(), e.getMessage() + "; " + kept + (size >= 0
            ? " of " + size : "") + " bytes are kept and a retry resumes", e.registry(),
            e.repository(), e.reference(), 0, e.errors(), e.getCause());
      }
      throw e;
    }
    if (!r.accepted()) {
      if (r.status() == 416 && have > 0) {
        return Outcome.RESTART;
      }
      throw session.fail(subject, r);
    }
    if (r.body() != null && r.body() == BAD_RANGE) {
      delete(partial);
      throw ErrorMapper.protocol(subject, r.status(), "its Content-Range does not start at byte "
          + have);
    }
    if (r.body() == null || r.body() < 0) {
      throw cannotWrite(partial, openFailure.get() != null ? openFailure.get()
          : new IOException("no body"));
    }
    return new Outcome(r.body());
  }

  private void finish(MessageDigest md, long total, Path target, Path partial) {
    if (size >= 0 && total != size) {
      delete(partial);
      throw ErrorMapper.of(ErrorCode.DIGEST_MISMATCH, subject, "the registry sent " + total
          + " bytes, the descriptor announces " + size + "; nothing was kept");
    }
    Digest actual = Digest.of(md);
    if (!actual.equals(digest)) {
      delete(partial);
      throw ErrorMapper.digestMismatch(subject, digest, actual);
    }
    try {
      try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw IoErrors.writeFailed(subject + ": cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * This side could not write the partial file (a full disk, an I/O error): it goes, since what
   * is in it was never verified and keeping it would keep the disk full, and the error is ours,
   * not the registry's.
   */
  private HangarException cannotWrite(Path partial, IOException e) {
    HangarException failed = IoErrors.writeFailed(subject + ": "
        + (IoErrors.isDiskFull(e) ? "no space left on device writing " + partial
            : "cannot write " + partial + ": " + e.getMessage()) + "; nothing was kept", e);
    try {
      Files.deleteIfExists(partial);
    } catch (IOException x) {
      failed.addSuppressed(x);
    }
    return failed;
  }

  private long prepare(Path partial) {
    long have = sizeOf(partial);
    if (size >= 0 && have > size) {
      delete(partial);
      return 0;
    }
    return have;
  }

  private MessageDigest hashed(Path partial, long have) {
    MessageDigest md = Digest.newSha256();
    if (have == 0) {
      return md;
    }
    byte[] buf = new byte[HASH_BUFFER];
    try (InputStream in = Files.newInputStream(partial)) {
      long left = have;
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        md.update(buf, 0, n);
        left -= n;
      }
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, partial + ": cannot read: " + e.getMessage(),
          e);
    }
    return md;
  }

  private static boolean rangeStartsAt(HttpResponse.ResponseInfo info, long have) {
    return info.headers().firstValue("Content-Range")
        .map(v -> v.strip().startsWith("bytes " + have + "-")).orElse(false);
  }

  private static long sizeOf(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, p + ": cannot remove: " + e.getMessage(), e);
    }
  }

  private static void close(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // Closing after a failure: the failure is what the caller hears about.
      }
    }
  }
}
