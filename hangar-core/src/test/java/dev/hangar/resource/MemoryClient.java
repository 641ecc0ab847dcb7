package dev.hangar.resource;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.api.resource.ExpireInfo;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.util.Arrays;
import java.util.Map;

/** A resource client written as a plugin would write one: bytes in memory, one per path. */
class MemoryClient implements ResourceClient {
  final Map<String, byte[]> files;
  final boolean ranges;
  volatile String version = "1";

  MemoryClient(Map<String, byte[]> files, boolean ranges) {
    this.files = files;
    this.ranges = ranges;
  }

  private byte[] bytes(ResourceRequest r) throws FileNotFoundException {
    byte[] b = files.get(r.uri().getPath());
    if (b == null) {
      throw new FileNotFoundException(r.uri().toString());
    }
    return b;
  }

  @Override
  public long contentLength(ResourceRequest r) throws FileNotFoundException {
    return bytes(r).length;
  }

  @Override
  public boolean supportsRange(ResourceRequest r) {
    return ranges;
  }

  @Override
  public boolean isExpired(ResourceRequest r, ExpireInfo info) {
    return !version.equals(info.etag());
  }

  @Override
  public ResourceResponse download(ResourceRequest r) throws FileNotFoundException {
    byte[] b = bytes(r);
    ByteRange range = ranges ? r.range() : null;
    if (range == null) {
      return ResourceResponse.of(new ByteArrayInputStream(b), b.length)
          .withExpireInfo(new ExpireInfo(null, version));
    }
    int end = range.end() == -1 ? b.length : (int) Math.min(range.end() + 1, b.length);
    byte[] slice = Arrays.copyOfRange(b, (int) range.start(), end);
    return ResourceResponse.of(new ByteArrayInputStream(slice), slice.length).withStatus(206)
        .withExpireInfo(new ExpireInfo(null, version));
  }

  @Override
  public long lastModified(ResourceRequest r) {
    return -1;
  }
}
