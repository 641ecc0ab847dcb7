package dev.hangar.examples.d7yfs;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.api.resource.ExpireInfo;
import dev.hangar.api.resource.ResourceClient;
import dev.hangar.api.resource.ResourceEntry;
import dev.hangar.api.resource.ResourceLister;
import dev.hangar.api.resource.ResourceMetadata;
import dev.hangar.api.resource.ResourceMetadataGetter;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code d7yfs://host[:port]/path} from {@code root/path}.
 *
 * <p>Ranges are answered like HTTP: 206 with {@code Content-Range}, the end clamped to the file;
 * a range starting at or past the end gets a 416 response with an empty body. Versions (ETag and
 * Last-Modified) come from the file's size and modification time, see {@link FileVersion}. Paths
 * that would leave the root ({@code ..}, or a symbolic link pointing outside) are refused.
 * Thread-safe: it holds no state besides its options.
 */
final class D7yfsResourceClient implements ResourceClient, ResourceLister, ResourceMetadataGetter {

  private final D7yfsOptions options;

  D7yfsResourceClient(D7yfsOptions options) {
    this.options = options;
  }

  @Override
  public long contentLength(ResourceRequest request) throws IOException {
    return FileVersion.of(regularFile(request.uri())).size();
  }

  @Override
  public boolean supportsRange(ResourceRequest request) throws IOException {
    regularFile(request.uri());
    return true;
  }

  @Override
  public boolean isExpired(ResourceRequest request, ExpireInfo info) throws IOException {
    return FileVersion.of(regularFile(request.uri())).isNewerThan(info);
  }

  @Override
  public long lastModified(ResourceRequest request) throws IOException {
    return FileVersion.of(regularFile(request.uri())).modifiedMillis();
  }

  @Override
  public ResourceResponse download(ResourceRequest request) throws IOException {
    Path file = regularFile(request.uri());
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long size = channel.size();
      FileVersion version = new FileVersion(size, Files.getLastModifiedTime(file).toMillis());
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Accept-Ranges", "bytes");
      headers.put("ETag", version.etag());
      headers.put("Last-Modified", version.lastModified());
      if (request.byteRange().isEmpty()) {
        headers.put("Content-Length", Long.toString(size));
        return new ResourceResponse(new RangeInputStream(channel, 0, size), 200, size, headers,
            version.expireInfo());
      }
      ByteRange range = request.byteRange().get();
      if (range.start() >= size) {
        channel.close();
        headers.put("Content-Range", "bytes */" + size);
        headers.put("Content-Length", "0");
        return new ResourceResponse(InputStream.nullInputStream(), 416, 0, headers,
            version.expireInfo());
      }
      long end = range.end() == -1 ? size - 1 : Math.min(range.end(), size - 1);
      long length = end - range.start() + 1;
      headers.put("Content-Range", "bytes " + range.start() + "-" + end + "/" + size);
      headers.put("Content-Length", Long.toString(length));
      return new ResourceResponse(new RangeInputStream(channel, range.start(), length), 206, length,
          headers, version.expireInfo());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public List<ResourceEntry> list(ResourceRequest request) throws IOException {
    Path dir = resolve(request.uri());
    if (!Files.isDirectory(dir)) {
      throw new IOException("d7yfs: not a directory: " + request.uri());
    }
    String base = request.uri().toString();
    URI baseUri = URI.create(base.endsWith("/") ? base : base + "/");
    List<ResourceEntry> entries = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        boolean directory = Files.isDirectory(child);
        URI uri = baseUri.resolve(new URI(null, null, directory ? name + "/" : name, null));
        entries.add(new ResourceEntry(uri, name, directory));
      }
    } catch (java.net.URISyntaxException e) {
      throw new IOException("d7yfs: cannot name an entry of " + request.uri(), e);
    }
    entries.sort(Comparator.comparing(ResourceEntry::name));
    return entries;
  }

  @Override
  public ResourceMetadata metadata(ResourceRequest request) throws IOException {
    FileVersion version = FileVersion.of(regularFile(request.uri()));
    return new ResourceMetadata(version.size(), true, version.expireInfo(),
        Map.of("Content-Length", Long.toString(version.size()), "Accept-Ranges", "bytes"));
  }

  private Path regularFile(URI uri) throws IOException {
    Path file = resolve(uri);
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "d7yfs: no such file: " + uri);
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException("d7yfs: not a regular file: " + uri);
    }
    return file;
  }

  /** Maps a URL onto the root, refusing other schemes, other hosts and escapes from the root. */
  Path resolve(URI uri) throws IOException {
    if (!D7yfsPluginInit.SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("d7yfs: not a d7yfs URL: " + uri);
    }
    if (options.host().isPresent()) {
      String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      if (authority == null || !authority.equalsIgnoreCase(options.host().get())) {
        throw new IOException("d7yfs: host " + authority + " not served here (only "
            + options.host().get() + "): " + uri);
      }
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        throw new IOException("d7yfs: '..' is not allowed in a path: " + uri);
      }
    }
    Path resolved = options.root().resolve(path.replaceFirst("^/+", "")).normalize();
    Path real = Files.exists(resolved) ? resolved.toRealPath() : resolved;
    if (!real.startsWith(options.root())) {
      throw new IOException("d7yfs: path leaves the served directory: " + uri);
    }
    return real;
  }
}
