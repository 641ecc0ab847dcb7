package dev.hangar.examples.d7yfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.api.resource.ExpireInfo;
import dev.hangar.api.resource.ResourceEntry;
import dev.hangar.api.resource.ResourceRequest;
import dev.hangar.api.resource.ResourceResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class D7yfsResourceClientTest {

  @TempDir Path root;
  private byte[] content;
  private D7yfsResourceClient client;

  @BeforeEach
  void setUp() throws IOException {
    content = new byte[100_000];
    new Random(7).nextBytes(content);
    Files.createDirectories(root.resolve("dir/sub"));
    Files.write(root.resolve("dir/file.bin"), content);
    Files.writeString(root.resolve("dir/a.txt"), "a");
    client = new D7yfsResourceClient(D7yfsOptions.parse(Map.of("root", root.toString())));
  }

  private static ResourceRequest get(String url) {
    return ResourceRequest.of(URI.create(url));
  }

  @Test
  void downloadServesTheWholeFileWithItsVersion() throws IOException {
    ResourceRequest r = get("d7yfs://anyhost:56001/dir/file.bin");
    try (ResourceResponse response = client.download(r)) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.contentLength()).isEqualTo(content.length);
      assertThat(response.body().readAllBytes()).isEqualTo(content);
      assertThat(response.expireInfo().etagValue()).isPresent();
      assertThat(response.headers()).containsEntry("Accept-Ranges", "bytes");
    }
    assertThat(client.contentLength(r)).isEqualTo(content.length);
    assertThat(client.supportsRange(r)).isTrue();
    assertThat(client.lastModified(r)).isEqualTo(Files.getLastModifiedTime(root.resolve("dir/file.bin")).toMillis());
  }

  @Test
  void rangeGivesPartialContent() throws IOException {
    try (ResourceResponse response = client.download(get("d7yfs://h/dir/file.bin").withRange(new ByteRange(10, 19)))) {
      assertThat(response.status()).isEqualTo(206);
      assertThat(response.contentLength()).isEqualTo(10);
      assertThat(response.headers()).containsEntry("Content-Range", "bytes 10-19/100000");
      byte[] expected = new byte[10];
      System.arraycopy(content, 10, expected, 0, 10);
      assertThat(response.body().readAllBytes()).isEqualTo(expected);
    }
  }

  @Test
  void openRangeAndRangePastTheEndAreClampedToTheFile() throws IOException {
    try (ResourceResponse open = client.download(get("d7yfs://h/dir/file.bin").withRange(ByteRange.from(99_990)));
        ResourceResponse past = client.download(get("d7yfs://h/dir/file.bin").withRange(new ByteRange(99_995, 500_000)))) {
      assertThat(open.body().readAllBytes()).hasSize(10);
      assertThat(past.headers()).containsEntry("Content-Range", "bytes 99995-99999/100000");
      assertThat(past.body().readAllBytes()).hasSize(5);
    }
  }

  @Test
  void rangeStartingAtTheEndIsNotSatisfiable() throws IOException {
    try (ResourceResponse response = client.download(get("d7yfs://h/dir/file.bin").withRange(ByteRange.from(100_000)))) {
      assertThat(response.status()).isEqualTo(416);
      assertThat(response.headers()).containsEntry("Content-Range", "bytes */100000");
      assertThat(response.body().readAllBytes()).isEmpty();
    }
  }

  @Test
  void copyIsCurrentUntilTheFileChanges() throws IOException {
    ResourceRequest r = get("d7yfs://h/dir/file.bin");
    ExpireInfo copy;
    try (ResourceResponse response = client.download(r)) {
      copy = response.expireInfo();
    }
    assertThat(client.isExpired(r, copy)).isFalse();
    assertThat(client.isExpired(r, new ExpireInfo(copy.lastModified(), null))).isFalse();
    assertThat(client.isExpired(r, ExpireInfo.NONE)).isTrue();

    Files.setLastModifiedTime(root.resolve("dir/file.bin"), FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(client.isExpired(r, copy)).isTrue();
    assertThat(client.isExpired(r, new ExpireInfo(copy.lastModified(), null))).isTrue();
  }

  @Test
  void dotDotAndSymlinksOutOfTheRootAreRefused(@TempDir Path outside) throws IOException {
    Files.writeString(outside.resolve("secret"), "s");
    Files.createSymbolicLink(root.resolve("link"), outside.resolve("secret"));
    assertThatThrownBy(() -> client.download(get("d7yfs://h/dir/../../secret")))
        .isInstanceOf(IOException.class).hasMessageContaining("'..'");
    assertThatThrownBy(() -> client.download(get("d7yfs://h/dir/%2E%2E/%2E%2E/secret")))
        .isInstanceOf(IOException.class).hasMessageContaining("'..'");
    assertThatThrownBy(() -> client.download(get("d7yfs://h/link")))
        .isInstanceOf(IOException.class).hasMessageContaining("leaves the served directory");
  }

  @Test
  void missingFileAndDirectoryAreErrorsNamingTheUrl() {
    assertThatThrownBy(() -> client.download(get("d7yfs://h/nope")))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("d7yfs://h/nope");
    assertThatThrownBy(() -> client.contentLength(get("d7yfs://h/dir")))
        .isInstanceOf(IOException.class).hasMessageContaining("not a regular file");
  }

  @Test
  void hostOptionRestrictsTheAuthority() throws IOException {
    D7yfsResourceClient only = new D7yfsResourceClient(
        D7yfsOptions.parse(Map.of("root", root.toString(), "host", "localhost:56001")));
    assertThat(only.contentLength(get("d7yfs://localhost:56001/dir/a.txt"))).isEqualTo(1);
    assertThatThrownBy(() -> only.contentLength(get("d7yfs://otherhost:56001/dir/a.txt")))
        .hasMessageContaining("not served here");
  }

  @Test
  void listingNamesEntriesInOrderAndMarksDirectories() throws IOException {
    assertThat(client.list(get("d7yfs://h/dir"))).containsExactly(
        new ResourceEntry(URI.create("d7yfs://h/dir/a.txt"), "a.txt", false),
        new ResourceEntry(URI.create("d7yfs://h/dir/file.bin"), "file.bin", false),
        new ResourceEntry(URI.create("d7yfs://h/dir/sub/"), "sub", true));
  }

  @Test
  void metadataCarriesLengthAndVersion() throws IOException {
    var m = client.metadata(get("d7yfs://h/dir/file.bin"));
    assertThat(m.contentLength()).isEqualTo(content.length);
    assertThat(m.supportsRange()).isTrue();
    assertThat(m.expireInfo().etagValue()).isPresent();
  }
}
