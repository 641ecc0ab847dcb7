package dev.hangar.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hangar get} of a body four times larger than the CLI's heap, from a real local HTTP
 * server: the bytes arrive intact (sha256), and while the transfer runs only the partial file
 * exists, never the final name. The heap limit is passed with {@code JDK_JAVA_OPTIONS}, which the
 * {@code java} launcher reads (the {@code ./hangar} script has no variable of its own for JVM
 * options).
 */
class GetLargeBodyEndToEndTest {
  static final int BLOCK = 1 << 20;
  static final int BLOCKS = 256; // 256 MiB against -Xmx64m
  static final String HEAP = "-Xmx64m";

  @TempDir Path root;
  @TempDir Path downloads;

  /** Block {@code i} of the body: one random block with its index in the first 8 bytes. */
  static byte[] block(byte[] base, int i) {
    byte[] b = base.clone();
    ByteBuffer.wrap(b).putLong(i);
    return b;
  }

  @Test
  void aBodyLargerThanTheHeapArrivesIntactAndNeverUnderTheFinalNameEarly() throws Exception {
    byte[] base = new byte[BLOCK];
    new Random(7).nextBytes(base);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < BLOCKS; i++) {
      md.update(block(base, i));
    }
    String expected = HexFormat.of().formatHex(md.digest());
    CountDownLatch halfSent = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);

    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    server.createContext("/big.bin", ex -> serve(ex, base, halfSent, goOn));
    server.start();
    try {
      Path out = downloads.resolve("big.bin");
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/big.bin";
      Path repo = HangarProcess.repo();
      CompletableFuture<Command.Result> run = CompletableFuture.supplyAsync(() -> Command.run(
          List.of(repo.resolve("hangar").toString(), "get", url, "-O", out.toString()), repo,
          Map.of("HANGAR_ROOT", root.toString(), "JDK_JAVA_OPTIONS", HEAP),
          Duration.ofMinutes(3)), task -> Thread.ofVirtual().start(task));

      // Half the body is out and the server holds the rest back: the bytes so far are in the
      // partial file only.
      assertThat(halfSent.await(3, TimeUnit.MINUTES)).as("the download started").isTrue();
      Path part = downloads.resolve(".big.bin.hangar-part");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (!(Files.exists(part) && Files.size(part) > 0) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(part).as("the partial file while the transfer runs").exists();
      assertThat(out).as("the final name while the transfer runs").doesNotExist();
      goOn.countDown();

      Command.Result r = run.get(3, TimeUnit.MINUTES);
      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(r.stderr()).as("the heap limit reached the JVM\n" + r.describe())
          .contains("Picked up JDK_JAVA_OPTIONS: " + HEAP);
      assertThat(Files.size(out)).isEqualTo((long) BLOCK * BLOCKS);
      assertThat(sha256(out)).isEqualTo(expected);
      assertThat(part).doesNotExist();
      try (var files = Files.list(downloads)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("big.bin", ".big.bin.hangar-meta");
      }
    } finally {
      goOn.countDown();
      server.stop(0);
      pool.shutdownNow();
    }
  }

  private static void serve(HttpExchange ex, byte[] base, CountDownLatch halfSent,
      CountDownLatch goOn) throws IOException {
    try (ex) {
      ex.getResponseHeaders().set("ETag", "\"big-v1\"");
      ex.sendResponseHeaders(200, (long) BLOCK * BLOCKS);
      OutputStream body = ex.getResponseBody();
      for (int i = 0; i < BLOCKS; i++) {
        if (i == BLOCKS / 2) {
          body.flush();
          halfSent.countDown();
          try {
            if (!goOn.await(3, TimeUnit.MINUTES)) {
              return;
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        body.write(block(base, i));
      }
    }
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[BLOCK];
    try (var in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
