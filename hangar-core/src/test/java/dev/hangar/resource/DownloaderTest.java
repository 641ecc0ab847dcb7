package dev.hangar.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.api.resource.ByteRange;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  static final int SIZE = 3 * 1024 * 1024 + 17;

  @TempDir Path dir;
  TestHttpServer server;
  byte[] body;
  Path target;
  final Downloader downloader = new Downloader(ResourceRegistry.builtins());

  @BeforeEach
  void start() throws IOException {
    server = new TestHttpServer();
    body = bytes(SIZE, 1);
    server.serve("/data.bin", body);
    target = dir.resolve("data.bin");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  DownloadResult get(DownloadRequest r) {
    return downloader.download(r, DownloadListener.NONE);
  }

  DownloadRequest req() {
    return DownloadRequest.of(server.uri("/data.bin"), target).withSync(false);
  }

  Path part() {
    return dir.resolve(".data.bin.hangar-part");
  }

  void assertNothingUnderFinalName() {
    assertThat(target).doesNotExist();
  }

  @Test
  void anObserverIsToldTheBytesEachDownloadTransferredByScheme() throws Exception {
    java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    Downloader observed = new Downloader(ResourceRegistry.builtins(),
        Downloader.DEFAULT_STALL_TIMEOUT, new dev.hangar.observe.HostObserver() {
          @Override
          public void downloaded(String scheme, long bytes) {
            told.add(scheme + " " + bytes);
          }
        });
    observed.download(req(), DownloadListener.NONE);
    assertThat(told).containsExactly("http " + SIZE);
  }

  @Test
  void downloadsTheWholeResourceByteExactAndKeepsItsMeta() throws IOException {
    DownloadResult r = get(req().withSync(true));
    assertThat(r.outcome()).isEqualTo(DownloadResult.Outcome.DOWNLOADED);
    assertThat(r.size()).isEqualTo(SIZE);
    assertThat(Files.readAllBytes(target)).isEqualTo(body);
    assertThat(part()).doesNotExist();
    assertThat(dir.resolve(".data.bin.hangar-part-meta")).doesNotExist();
    assertThat(Files.readString(dir.resolve(".data.bin.hangar-meta")))
        .contains("\"etag\":\"\\\"v1\\\"\"").contains("/data.bin");
  }

  @Test
  void aRangeDownloadsOnlyThoseBytes() throws IOException {
    get(req().withRange(new ByteRange(100, 1099)));
    assertThat(Files.readAllBytes(target)).isEqualTo(Arrays.copyOfRange(body, 100, 1100));
    assertThat(server.rangeHeaders).containsExactly("bytes=100-1099");
  }

  @Test
  void aRangeFromAClientThatIgnoresRangesIsCutFromTheWholeBody() throws IOException {
    server.serve("/data.bin", body).ranges = false;
    get(req().withRange(new ByteRange(100, 1099)));
    assertThat(Files.readAllBytes(target)).isEqualTo(Arrays.copyOfRange(body, 100, 1100));
  }

  @Test
  void aRangeEndingPastTheResourceGetsWhatThereIs() throws IOException {
    // as HTTP does: the end of a range past the last byte stands for the last byte
    get(req().withRange(new ByteRange(SIZE - 10, SIZE + 50)));
    assertThat(Files.readAllBytes(target)).isEqualTo(Arrays.copyOfRange(body, SIZE - 10, SIZE));

    server.serve("/data.bin", body).ranges = false;
    Path whole = dir.resolve("cut.bin");
    get(DownloadRequest.of(server.uri("/data.bin"), whole).withSync(false)
        .withRange(new ByteRange(SIZE - 3, SIZE + 50)));
    assertThat(Files.readAllBytes(whole)).isEqualTo(Arrays.copyOfRange(body, SIZE - 3, SIZE));

    Path src = Files.write(dir.resolve("three.bin"), new byte[] {'a', 'b', 'c'});
    Path slice = dir.resolve("slice.bin");
    get(DownloadRequest.of(src.toUri(), slice).withSync(false).withRange(new ByteRange(2, 4)));
    assertThat(Files.readString(slice)).isEqualTo("c");
  }

  @Test
  void aRangeOutsideTheResourceIsRefused() {
    assertThatThrownBy(() -> get(req().withRange(ByteRange.from(SIZE + 10))))
        .isInstanceOf(HangarException.class)
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE));
    assertNothingUnderFinalName();
  }

  @Test
  void resumeAfterAKilledTransferContinuesWithARangeByteExact() throws IOException {
    server.serve("/data.bin", body).dieAfter = 1024 * 1024;
    assertThatThrownBy(() -> get(req()))
        .isInstanceOf(HangarException.class)
        .hasMessageContaining("--resume")
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.DOWNLOAD_FAILED));
    assertNothingUnderFinalName();
    long have = Files.size(part());
    assertThat(have).isPositive().isLessThan(SIZE);

    DownloadResult r = get(req().withResume(true));
    assertThat(r.outcome()).isEqualTo(DownloadResult.Outcome.RESUMED);
    assertThat(r.transferred()).isEqualTo(SIZE - have);
    assertThat(Files.readAllBytes(target)).isEqualTo(body);
    assertThat(server.rangeHeaders).containsExactly("bytes=" + have + "-");
    assertThat(part()).doesNotExist();
  }

  @Test
  void resumeWithADigestVerifiesTheWholeFile() throws Exception {
    server.serve("/data.bin", body).dieAfter = 1024 * 1024;
    ExpectedDigest d = ExpectedDigest.parse("sha256:" + sha256(body));
    assertThatThrownBy(() -> get(req().withDigest(d))).isInstanceOf(HangarException.class);
    DownloadResult r = get(req().withResume(true).withDigest(d));
    assertThat(r.outcome()).isEqualTo(DownloadResult.Outcome.RESUMED);
    assertThat(Files.readAllBytes(target)).isEqualTo(body);
  }

  @Test
  void resumeRestartsWhenTheServerDoesNotSupportRanges() throws IOException {
    TestHttpServer.Resource res = server.serve("/data.bin", body);
    res.ranges = false;
    res.dieAfter = 1024 * 1024;
    assertThatThrownBy(() -> get(req())).isInstanceOf(HangarException.class);
    assertNothingUnderFinalName();

    DownloadResult r = get(req().withResume(true));
    assertThat(r.outcome()).isEqualTo(DownloadResult.Outcome.DOWNLOADED);
    assertThat(r.transferred()).isEqualTo(SIZE);
    assertThat(Files.readAllBytes(target)).isEqualTo(body);
    assertThat(server.rangeHeaders).isEmpty();
  }

  @Test
  void resumeRestartsWhenTheResourceChanged() throws IOException {
    TestHttpServer.Resource res = server.serve("/data.bin", body);
    res.dieAfter = 1024 * 1024;
    assertThatThrownBy(() -> get(req())).isInstanceOf(HangarException.class);
    byte[] changed = bytes(SIZE, 2);
    res.body = changed;
    res.etag = "\"v2\"";

    DownloadResult r = get(req().withResume(true));
    assertThat(r.outcome()).isEqualTo(DownloadResult.Outcome.DOWNLOADED);
    assertThat(Files.readAllBytes(target)).isEqualTo(changed);
  }

  @Test
  void aCurrentCopyIsNotTransferredAgain() throws IOException {
    TestHttpServer.Resource res = server.serve("/data.bin", body);
    get(req());
    assertThat(server.gets.get()).isEqualTo(1);

    DownloadResult again = get(req());
    assertThat(again.outcome()).isEqualTo(DownloadResult.Outcome.UP_TO_DATE);
    assertThat(again.transferred()).isZero();
    assertThat(server.gets.get()).isEqualTo(1);

    byte[] changed = bytes(SIZE, 3);
    res.body = changed;
    res.etag = "\"v2\"";
    assertThat(get(req()).outcome()).isEqualTo(DownloadResult.Outcome.DOWNLOADED);
    assertThat(server.gets.get()).isEqualTo(2);
    assertThat(Files.readAllBytes(target)).isEqualTo(changed);
  }

  @Test
  void aDigestMismatchRemovesTheTemporaryFileAndNamesBothDigests() throws Exception {
    String wrong = sha256(new byte[] {1});
    assertThatThrownBy(() -> get(req().withDigest(ExpectedDigest.parse("sha256:" + wrong))))
        .isInstanceOf(HangarException.class)
        .hasMessageContaining("expected " + wrong)
        .hasMessageContaining("actual " + sha256(body))
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.DIGEST_MISMATCH));
    assertNothingUnderFinalName();
    assertThat(part()).doesNotExist();
    assertThat(dir.resolve(".data.bin.hangar-part-meta")).doesNotExist();
  }

  @Test
  void aMatchingDigestPasses() throws Exception {
    get(req().withDigest(ExpectedDigest.parse("SHA256:" + sha256(body).toUpperCase())));
    assertThat(Files.readAllBytes(target)).isEqualTo(body);
  }

  @Test
  void aMissingResourceIsNotFoundAndLeavesAnOldCopyAlone() throws IOException {
    Path old = dir.resolve("gone.bin");
    Files.writeString(old, "old copy");
    assertThatThrownBy(() -> get(DownloadRequest.of(server.uri("/gone.bin"), old)))
        .isInstanceOf(HangarException.class)
        .hasMessageContaining("/gone.bin")
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    assertThat(old).hasContent("old copy");
    assertThat(dir.resolve(".gone.bin.hangar-part")).doesNotExist();
  }

  @Test
  void aRefusedConnectionIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + port + "/x.bin");
    assertThatThrownBy(() -> get(DownloadRequest.of(uri, dir.resolve("x.bin"))))
        .isInstanceOf(HangarException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.RESOURCE_UNREACHABLE));
    assertThat(dir.resolve("x.bin")).doesNotExist();
  }

  @Test
  void anUnknownSchemeListsTheKnownOnes() {
    assertThatThrownBy(() -> get(DownloadRequest.of(URI.create("d7yfs://h/x"), target)))
        .isInstanceOf(HangarException.class)
        .hasMessageContaining("'d7yfs'")
        .hasMessageContaining("file, http, https")
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.UNKNOWN_SCHEME));
    assertNothingUnderFinalName();
  }

  @Test
  void theFileSchemeDownloadsRangesAndSkipsACurrentCopy() throws IOException {
    Path src = dir.resolve("src.bin");
    Files.write(src, body);
    Path out = dir.resolve("out.bin");
    DownloadRequest r = DownloadRequest.of(src.toUri(), out).withSync(false);
    assertThat(get(r).outcome()).isEqualTo(DownloadResult.Outcome.DOWNLOADED);
    assertThat(Files.readAllBytes(out)).isEqualTo(body);
    assertThat(get(r).outcome()).isEqualTo(DownloadResult.Outcome.UP_TO_DATE);

    Path slice = dir.resolve("slice.bin");
    get(DownloadRequest.of(src.toUri(), slice).withRange(new ByteRange(5, 9)));
    assertThat(Files.readAllBytes(slice)).isEqualTo(Arrays.copyOfRange(body, 5, 10));
  }

  @Test
  void aMissingFileIsNotFound() {
    Path out = dir.resolve("out.bin");
    assertThatThrownBy(() -> get(DownloadRequest.of(dir.resolve("nope").toUri(), out)))
        .isInstanceOf(HangarException.class)
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    assertThat(out).doesNotExist();
  }

  @Test
  void theDefaultFileNameIsTheLastPathSegment() {
    assertThat(Downloader.fileNameOf(URI.create("http://h/a/b.tar.gz?x=1"))).contains("b.tar.gz");
    assertThat(Downloader.fileNameOf(URI.create("http://h/a/"))).isEmpty();
    assertThat(Downloader.fileNameOf(URI.create("http://h"))).isEmpty();
    assertThat(Downloader.fileNameOf(URI.create("http://h/a/.."))).isEmpty();
  }

  @Test
  void aFullDiskIsReportedNamingTheFile() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")));
    // The partial file is a link to /dev/full, whose writes fail with ENOSPC.
    Files.createSymbolicLink(part(), Path.of("/dev/full"));
    assertThatThrownBy(() -> get(req()))
        .isInstanceOf(HangarException.class)
        .hasMessageContaining("no space left on device")
        .hasMessageContaining(part().toString())
        .satisfies(e -> assertThat(((HangarException) e).code())
            .isEqualTo(ErrorCode.DISK_FULL));
    assertNothingUnderFinalName();
  }

  @Test
  void aMissingTargetDirectoryIsNamed() {
    Path t = dir.resolve("no/such/dir/data.bin");
    assertThatThrownBy(() -> get(DownloadRequest.of(server.uri("/data.bin"), t)))
        .isInstanceOf(HangarException.class)
        .hasMessageContaining(dir.resolve("no/such/dir") + " does not exist");
  }
}
