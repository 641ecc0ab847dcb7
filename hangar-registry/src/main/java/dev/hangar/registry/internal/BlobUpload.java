package dev.hangar.registry.internal;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.BoundedInputStream;
import dev.hangar.registry.BlobPush;
import dev.hangar.registry.Digest;
import dev.hangar.registry.TransferListener;
import dev.hangar.registry.internal.auth.Scope;
import dev.hangar.registry.internal.http.CountingPublisher;
import dev.hangar.registry.internal.http.Handler;
import dev.hangar.registry.internal.http.Request;
import dev.hangar.registry.internal.http.Response;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes one blob as the distribution API has it: {@code HEAD} first (nothing is sent when the
 * repository has it), a cross-repository mount when a source repository is named (an upload
 * when the registry declines it with 202), then one {@code PUT} of the whole file, or
 * {@code PATCH}es of {@code chunkSize} bytes and a closing {@code PUT}.
 */
public final class BlobUpload {
  private static final String OCTETS = "application/octet-stream";

  private final Session session;
  private final Subject subject;
  private final Digest digest;
  private final Path file;
  private final long size;
  private final long chunkSize;
  private final TransferListener listener;

  /**
   * @param session the session
   * @param subject the upload ({@code kind} UPLOAD, reference the digest)
   * @param digest the blob's digest
   * @param file its bytes
   * @param size its size
   * @param chunkSize the chunk size of a chunked upload, or 0 for one PUT
   * @param listener told of progress
   */
  public BlobUpload(Session session, Subject subject, Digest digest, Path file, long size,
      long chunkSize, TransferListener listener) {
    this.session = session;
    this.subject = subject;
    this.digest = digest;
    this.file = file;
    this.size = size;
    this.chunkSize = chunkSize;
    this.listener = listener;
  }

  /**
   * Pushes the blob.
   *
   * @param mountFrom a repository on the same registry that may have it, or empty
   * @return how it got there
   */
  public BlobPush push(Optional<String> mountFrom) {
    Scope scope = Scope.push(subject.repository());
    if (mountFrom.isPresent()) {
      scope = scope.and(Scope.pull(mountFrom.get()));
    }
    String repo = "/v2/" + subject.repository();
    Response<Void> head = session.send(subject.as(Subject.Kind.BLOB),
        Request.of("HEAD", uri(repo + "/blobs/" + digest), Map.of()), scope,
        Handler.discard(s -> s == 200));
    if (head.accepted()) {
      listener.progress(digest, size, size);
      return BlobPush.ALREADY_PRESENT;
    }
    if (head.status() != 404) {
      throw session.fail(subject, head);
    }
    String start = repo + "/blobs/uploads/";
    if (mountFrom.isPresent()) {
      start += "?mount=" + enc(digest.toString()) + "&from=" + enc(mountFrom.get());
    }
    Response<Void> post = session.send(subject, new Request("POST", uri(start),
        Map.of(), a -> HttpRequest.BodyPublishers.noBody()), scope,
        Handler.discard(s -> s == 201 || s == 202));
    if (!post.accepted()) {
      throw session.fail(subject, post);
    }
    if (post.status() == 201 && mountFrom.isPresent()) {
      listener.progress(digest, size, size);
      return BlobPush.MOUNTED;
    }
    URI location = location(post);
    if (chunkSize > 0 && size > chunkSize) {
      for (long off = 0; off < size; off += chunkSize) {
        long len = Math.min(chunkSize, size - off);
        long base = off;
        Response<Void> patch = session.send(subject, new Request("PATCH", location, Map.of(
            "Content-Type", OCTETS,
            "Content-Range", off + "-" + (off + len - 1)), a -> slice(a, base, len)), scope,
            Handler.discard(s -> s == 202));
        if (!patch.accepted()) {
          throw session.fail(subject, patch);
        }
        location = location(patch);
      }
      finish(withDigest(location), a -> HttpRequest.BodyPublishers.noBody(), scope);
    } else {
      finish(withDigest(location), a -> slice(a, 0, size), scope);
    }
    return BlobPush.UPLOADED;
  }

  private void finish(URI target, Request.Body body, Scope scope) {
    Response<Void> put = session.send(subject, new Request("PUT", target,
        Map.of("Content-Type", OCTETS), body), scope, Handler.discard(s -> s == 201));
    if (!put.accepted()) {
      throw session.fail(subject, put);
    }
    Optional<String> announced = put.header("Docker-Content-Digest");
    if (announced.isPresent() && !announced.get().equals(digest.toString())) {
      throw ErrorMapper.digestMismatch(subject, digest, Digest.isDigest(announced.get())
          ? Digest.parse(announced.get()) : digest);
    }
  }

  private HttpRequest.BodyPublisher slice(
      dev.hangar.registry.internal.http.Activity activity, long offset, long len) {
    HttpRequest.BodyPublisher p;
    if (offset == 0 && len == size) {
      try {
        p = HttpRequest.BodyPublishers.ofFile(file);
      } catch (FileNotFoundException e) {
        throw new HangarException(ErrorCode.IO_ERROR, file + ": cannot read: " + e.getMessage(),
            e);
      }
    } else {
      p = HttpRequest.BodyPublishers.fromPublisher(
          HttpRequest.BodyPublishers.ofInputStream(() -> open(offset, len)), len);
    }
    return new CountingPublisher(p, activity, n -> listener.progress(digest, offset + n, size));
  }

  private InputStream open(long offset, long len) {
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
      ch.position(offset);
      return new BoundedInputStream(Channels.newInputStream(ch), len);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private URI location(Response<?> r) {
    String loc = r.header("Location").orElseThrow(() -> ErrorMapper.protocol(subject, r.status(),
        "sent no Location for the upload"));
    return r.uri().resolve(loc);
  }

  private URI withDigest(URI location) {
    String s = location.toString();
    return URI.create(s + (s.contains("?") ? "&" : "?") + "digest=" + enc(digest.toString()));
  }

  private URI uri(String path) {
    return session.endpoint(subject.registry()).resolve(path);
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }
}
