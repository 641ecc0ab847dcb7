package dev.hangar.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away public key infrastructure for TLS tests, written as PEM files into a directory by
 * the {@code openssl} command: a CA, a server certificate for {@code localhost} and
 * {@code 127.0.0.1} (and {@code ::1}), and a client certificate, each valid for two days.
 *
 * <p>Key formats differ on purpose, so that tests cover what real deployments use: the CA and
 * the server have P-256 EC keys in PKCS#8 ({@code PRIVATE KEY}); the client has a 2048-bit RSA
 * key in PKCS#1 ({@code RSA PRIVATE KEY}).
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(tempDir);
 * TlsSettings tls = new TlsSettings(pki.caCert(), pki.clientCert(), pki.clientKey(), false);
 * }</pre>
 *
 * @param dir the directory holding the files
 * @param caCert the CA certificate ({@code ca.pem})
 * @param caKey the CA key ({@code ca.key})
 * @param serverCert the server certificate ({@code server.pem}), CN {@code localhost}
 * @param serverKey the server key ({@code server.key})
 * @param clientCert the client certificate ({@code client.pem}), CN {@code hangar-client}
 * @param clientKey the client key ({@code client.key})
 * @since 0.1
 */
public record TestPki(Path dir, Path caCert, Path caKey, Path serverCert, Path serverKey,
    Path clientCert, Path clientKey) {

  private static final String CONFIG = """
      [req]
      distinguished_name = dn
      prompt = no
      [dn]
      CN = unused
      [ca_ext]
      basicConstraints = critical, CA:TRUE
      keyUsage = critical, keyCertSign, cRLSign
      subjectKeyIdentifier = hash
      [server_ext]
      basicConstraints = critical, CA:FALSE
      keyUsage = critical, digitalSignature, keyEncipherment
      extendedKeyUsage = serverAuth
      subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
      [client_ext]
      basicConstraints = critical, CA:FALSE
      keyUsage = critical, digitalSignature, keyEncipherment
      extendedKeyUsage = clientAuth
      """;

  /**
   * Generates a fresh CA, server and client in {@code dir} (created if missing).
   *
   * @param dir where to write the files
   * @return the paths
   * @throws IOException when a file cannot be written
   * @throws IllegalStateException when {@code openssl} is missing or fails (its output included)
   */
  public static TestPki create(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path cnf = dir.resolve("openssl.cnf");
    Files.writeString(cnf, CONFIG);
    String c = cnf.toString();
    openssl(dir, "req", "-x509", "-config", c, "-extensions", "ca_ext", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=Hangar Test CA");
    openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-out", "server.key");
    sign(dir, c, "server", "/CN=localhost", "server_ext", 1001);
    openssl(dir, "genrsa", "-traditional", "-out", "client.key", "2048");
    sign(dir, c, "client", "/CN=hangar-client", "client_ext", 1002);
    return new TestPki(dir, dir.resolve("ca.pem"), dir.resolve("ca.key"),
        dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("client.pem"),
        dir.resolve("client.key"));
  }

  private static void sign(Path dir, String cnf, String name, String subject, String ext,
      int serial) throws IOException {
    openssl(dir, "req", "-new", "-config", cnf, "-key", name + ".key", "-subj", subject,
        "-out", name + ".csr");
    openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-set_serial", Integer.toString(serial), "-days", "2", "-extfile", cnf,
        "-extensions", ext, "-out", name + ".pem");
  }

  /**
   * Runs {@code openssl} with {@code args} in {@code dir}, e.g. to convert a key to another form
   * in a test.
   *
   * @param dir the working directory
   * @param args the arguments after {@code openssl}
   * @throws IOException when the process cannot be started
   * @throws IllegalStateException when it fails or takes more than 60 s (its output included)
   */
  public static void openssl(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    try (InputStream out = p.getInputStream()) {
      String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + text);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running openssl", e);
    }
  }
}
