package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hangar.protocol.internal.tls.TlsContexts;
import dev.hangar.testkit.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetCommandTest {
  @TempDir Path dir;
  HttpServer server;
  final byte[] body = new byte[2 * 1024 * 1024 + 5];
  final AtomicInteger gets = new AtomicInteger();
  volatile long dieAfter = -1;

  @BeforeEach
  void start() throws IOException {
    new Random(42).nextBytes(body);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      try (ex) {
        if (!ex.getRequestURI().getPath().equals("/pkg.tar")) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        ex.getResponseHeaders().set("ETag", "\"e1\"");
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        if ("\"e1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
          ex.sendResponseHeaders(304, -1);
          return;
        }
        if (ex.getRequestMethod().equals("HEAD")) {
          ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
          ex.sendResponseHeaders(200, -1);
          return;
        }
        gets.incrementAndGet();
        int start = 0;
        int end = body.length - 1;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
          String[] p = range.substring("bytes=".length()).split("-", -1);
          start = Integer.parseInt(p[0]);
          end = p[1].isEmpty() ? end : Integer.parseInt(p[1]);
        }
        ex.sendResponseHeaders(range == null ? 200 : 206, end - start + 1);
        OutputStream out = ex.getResponseBody();
        if (dieAfter >= 0) {
          out.write(body, start, (int) dieAfter);
          dieAfter = -1;
          out.flush();
          throw new IOException("killed transfer");
        }
        out.write(body, start, end - start + 1);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  CliTest.Run get(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "get";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliTest.run(dir, null, all);
  }

  @Test
  void cacertTrustsAPrivateCaForHttpsAndWithoutItTheCertificateIsRefused() throws IOException {
    TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
    HttpsServer https = HttpsServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(
        TlsContexts.server(pki.serverCert(), pki.serverKey(), null)));
    https.createContext("/", ex -> {
      try (ex) {
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    });
    https.start();
    try {
      String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/pkg.tar";
      Path out = dir.resolve("secure.tar");
      CliTest.Run refused = get(url, "-O", out.toString());
      assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.err()).contains("Error: ", "certificate is not trusted", "--cacert")
          .doesNotContain("\tat ");
      assertThat(out).doesNotExist();

      CliTest.Run ok = get("--cacert", pki.caCert().toString(), url, "-O", out.toString());
      assertThat(ok.exit()).as(ok.toString()).isZero();
      assertThat(Files.readAllBytes(out)).isEqualTo(body);

      CliTest.Run badCa = get("--cacert", dir.resolve("none.pem").toString(), url, "-O",
          dir.resolve("x").toString());
      assertThat(badCa.exit()).as(badCa.toString()).isEqualTo(1);
      assertThat(badCa.err()).contains("none.pem");
    } finally {
      https.stop(0);
    }
  }

  @Test
  void downloadsThenSaysUpToDateWithoutASecondTransfer() throws IOException {
    Path out = dir.resolve("pkg.tar");
    CliTest.Run r = get(url("/pkg.tar"), "-O", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Saved " + out).contains(body.length + " bytes");
    assertThat(r.err()).isEmpty();
    assertThat(Files.readAllBytes(out)).isEqualTo(body);
    assertThat(dir.resolve(".pkg.tar.hangar-meta")).exists();

    CliTest.Run again = get(url("/pkg.tar"), "-O", out.toString());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains(out + " is up to date");
    assertThat(gets.get()).isEqualTo(1);
  }

  @Test
  void resumesAKilledTransfer() throws IOException {
    Path out = dir.resolve("pkg.tar");
    dieAfter = 700_000;
    CliTest.Run broken = get(url("/pkg.tar"), "-O", out.toString());
    assertThat(broken.exit()).as(broken.toString()).isEqualTo(1);
    assertThat(broken.err()).startsWith("Error: ").contains("--resume");
    assertThat(out).doesNotExist();

    CliTest.Run r = get(url("/pkg.tar"), "-O", out.toString(), "--resume");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Resumed " + out);
    assertThat(Files.readAllBytes(out)).isEqualTo(body);
  }

  @Test
  void aRangeWritesOnlyThoseBytes() throws IOException {
    Path out = dir.resolve("part.bin");
    CliTest.Run r = get(url("/pkg.tar"), "-O", out.toString(), "--range", "10-19");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(body, 10, 20));
  }

  @Test
  void aDigestMismatchFailsNamingBothAndLeavesNothing() throws Exception {
    Path out = dir.resolve("pkg.tar");
    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    String wrong = "0".repeat(64);
    CliTest.Run r = get(url("/pkg.tar"), "-O", out.toString(), "--digest", "sha256:" + wrong);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("expected " + wrong).contains("actual " + actual);
    assertThat(out).doesNotExist();
    assertThat(dir.resolve(".pkg.tar.hangar-part")).doesNotExist();

    CliTest.Run ok = get(url("/pkg.tar"), "-O", out.toString(), "--digest", "sha256:" + actual);
    assertThat(ok.exit()).as(ok.toString()).isZero();
  }

  @Test
  void notFoundAndUnknownSchemeAreClearErrors() {
    Path out = dir.resolve("x");
    CliTest.Run missing = get(url("/nope"), "-O", out.toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("resource not found").contains("/nope");
    CliTest.Run scheme = get("d7yfs://host/x", "-O", out.toString());
    assertThat(scheme.exit()).isEqualTo(1);
    assertThat(scheme.err()).contains("'d7yfs'").contains("known schemes: file, http, https")
        .doesNotContain("refused");
    assertThat(out).doesNotExist();
  }

  @Test
  void anUnknownSchemeNamesTheRefusedResourcePlugins() throws IOException {
    Path plugins = dir.resolve("plugins");
    Files.createDirectories(plugins);
    Files.write(plugins.resolve("acme-resource-plugin-mem.jar"), new byte[] {'P', 'K', 0});
    Files.write(plugins.resolve("acme-greeter-plugin-g.jar"), new byte[] {'P', 'K', 0});
    CliTest.Run r = get("mem://x/y", "-O", dir.resolve("y").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("no resource client for scheme 'mem'")
        .contains("refused resource plugins: acme-resource-plugin-mem.jar ('hangar plugin "
            + "validate' says why)")
        .doesNotContain("acme-greeter-plugin-g.jar");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(get(url("/pkg.tar"), "-O", dir.resolve("a").toString(), "--range", "9-3").exit())
        .isEqualTo(2);
    assertThat(get(url("/pkg.tar"), "-O", dir.resolve("a").toString(), "--range", "x").exit())
        .isEqualTo(2);
    assertThat(get(url("/pkg.tar"), "-O", dir.resolve("a").toString(), "--digest", "md5:00")
        .exit()).isEqualTo(2);
    CliTest.Run noName = get(url("/dir/.."));
    assertThat(noName.exit()).isEqualTo(2);
    assertThat(noName.err()).contains("-O FILE");
    assertThat(get(url("/")).exit()).isEqualTo(2);
    assertThat(get("no-scheme").exit()).isEqualTo(2);
    assertThat(dir.resolve("a")).doesNotExist();
  }

  @Test
  void theFileSchemeWorks() throws IOException {
    Path src = dir.resolve("src.bin");
    Files.write(src, body);
    Path out = dir.resolve("copy.bin");
    CliTest.Run r = get(src.toUri().toString(), "-O", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(body);
  }
}
