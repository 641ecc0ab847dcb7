package dev.hangar.internal.resource;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.api.resource.ExpireInfo;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import dev.hangar.protocol.internal.BoundedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The built-in {@code file} client: ranges by positioning a {@link FileChannel}; last-modified
 * from the file's modification time (an HTTP date, so second resolution), the entity tag from
 * size and modification time in milliseconds.
 */
public final class FileResourceClient implements ResourceClient {

  @Override
  public long contentLength(ResourceRequest request) throws IOException {
    return attributes(request).size();
  }

  @Override
  public boolean supportsRange(ResourceRequest request) throws IOException {
    attributes(request);
    return true;
  }

  @Override
  public boolean isExpired(ResourceRequest request, ExpireInfo info) throws IOException {
    ExpireInfo now = expireInfo(attributes(request));
    if (info.etag() != null) {
      return !info.etag().equals(now.etag());
    }
    return info.lastModified() == null || !info.lastModified().equals(now.lastModified());
  }

  @Override
  public ResourceResponse download(ResourceRequest request) throws IOException {
    Path path = path(request);
    BasicFileAttributes attrs = attributes(request);
    if (attrs.isDirectory()) {
      throw new IOException(path + " is a directory");
    }
    long size = attrs.size();
    ByteRange r = request.range();
    long start = r == null ? 0 : r.start();
    if (r != null && start >= size && !(start == 0 && size == 0)) {
      return new ResourceResponse(InputStream.nullInputStream(), 416, 0, Map.of(),
          expireInfo(attrs));
    }
    long length = r == null || r.end() == -1 ? size - start : Math.min(r.end() + 1, size) - start;
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    ch.position(start);
    InputStream body = new BoundedInputStream(Channels.newInputStream(ch), length);
    return new ResourceResponse(body, r == null ? 200 : 206, length, Map.of(), expireInfo(attrs));
  }

  @Override
  public long lastModified(ResourceRequest request) throws IOException {
    return attributes(request).lastModifiedTime().toMillis();
  }

  private static ExpireInfo expireInfo(BasicFileAttributes a) {
    long millis = a.lastModifiedTime().toMillis();
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        a.lastModifiedTime().toInstant().atOffset(ZoneOffset.UTC));
    return new ExpireInfo(date,
        "\"" + Long.toHexString(a.size()) + "-" + Long.toHexString(millis) + "\"");
  }

  private static Path path(ResourceRequest request) {
    try {
      return Path.of(request.uri());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a usable file URI: " + request.uri(), e);
    }
  }

  private static BasicFileAttributes attributes(ResourceRequest request) throws IOException {
    Path path = path(request);
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      if (a.isOther()) {
        // a FIFO, a device or a socket: reading it could block for ever or never end
        throw new IOException(path + " is not a regular file");
      }
      return a;
    } catch (NoSuchFileException e) {
      FileNotFoundException f = new FileNotFoundException(path + ": no such file");
      f.initCause(e);
      throw f;
    }
  }
}
