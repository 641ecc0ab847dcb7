package dev.hangar.protocol.internal.tls;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.TlsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext}s of Hangar's plugin protocol, from PEM files.
 *
 * <p>The contexts come out pre-configured: every socket, server socket and engine they create
 * speaks TLS 1.2 or 1.3 only, a client context verifies the server's host name when it verifies
 * certificates at all, and a server context given a client CA requires a client certificate. So
 * callers (the protocol client, the SDK server, Jetty) need no further TLS settings.
 *
 * <p>Every failure to read or use a file is a {@link HangarException} with
 * {@link ErrorCode#TLS_INVALID} naming the file.
 */
public final class TlsContexts {
  /** The protocol versions enabled, newest first (TLS 1.2 is the minimum, as Docker's). */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * A client context. With a CA file, exactly those certificates are trusted; otherwise the
   * system trust store. With {@code insecureSkipVerify}, any server certificate is accepted and
   * no host name is checked. A client certificate is presented when both its files are set.
   *
   * @param tls the settings
   * @return the context; sockets from its socket factory need no further configuration
   * @throws HangarException (TLS_INVALID) naming a file that cannot be read or used
   */
  public static SSLContext client(TlsSettings tls) {
    Objects.requireNonNull(tls, "tls");
    TrustManager[] trust = tls.insecureSkipVerify()
        ? new TrustManager[] {TrustAll.INSTANCE}
        : trustManagers(tls.caFile());
    KeyManager[] keys = tls.hasClientCertificate()
        ? keyManagers(tls.certFile(), tls.keyFile())
        : null;
    boolean verifyHost = !tls.insecureSkipVerify();
    return build(keys, trust, p -> {
      p.setProtocols(protocols(p));
      if (verifyHost) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
      }
    });
  }

  /**
   * A server context presenting {@code cert} (a PEM chain, leaf first) with {@code key}. When
   * {@code clientCa} is given, clients must present a certificate issued by one of its CAs.
   *
   * @param cert the PEM certificate chain
   * @param key the PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC)
   * @param clientCaOrNull PEM CA certificates for client authentication, or null for none
   * @return the context; its server sockets and engines need no further configuration
   * @throws HangarException (TLS_INVALID) naming a file that cannot be read or used
   */
  public static SSLContext server(Path cert, Path key, Path clientCaOrNull) {
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(key, "key");
    KeyManager[] keys = keyManagers(cert, key);
    TrustManager[] trust = clientCaOrNull == null ? null : trustManagers(clientCaOrNull);
    boolean needClientAuth = clientCaOrNull != null;
    return build(keys, trust, p -> {
      p.setProtocols(protocols(p));
      if (needClientAuth) {
        p.setNeedClientAuth(true);
      }
    });
  }

  private static SSLContext build(KeyManager[] keys, TrustManager[] trust,
      Consumer<SSLParameters> settings) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trust, null);
      return new ConfiguredSslContext(ctx, settings);
    } catch (GeneralSecurityException e) {
      throw new HangarException(ErrorCode.TLS_INVALID, "cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static String[] protocols(SSLParameters current) {
    String[] have = current.getProtocols();
    List<String> available = have == null ? PROTOCOLS : Arrays.asList(have);
    String[] out = PROTOCOLS.stream().filter(available::contains).toArray(String[]::new);
    return out.length == 0 ? PROTOCOLS.toArray(String[]::new) : out;
  }

  private static TrustManager[] trustManagers(Path caFileOrNull) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      if (caFileOrNull == null) {
        tmf.init((KeyStore) null);
      } else {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : Pem.readCertificates(caFileOrNull)) {
          store.setCertificateEntry("ca" + i++, c);
        }
        tmf.init(store);
      }
      return tmf.getTrustManagers();
    } catch (GeneralSecurityException | java.io.IOException e) {
      String where = caFileOrNull == null ? "the system trust store" : caFileOrNull.toString();
      throw new HangarException(ErrorCode.TLS_INVALID, where + ": cannot use as trust anchors: "
          + e.getMessage(), e);
    }
  }

  private static KeyManager[] keyManagers(Path certFile, Path keyFile) {
    List<X509Certificate> chain = Pem.readCertificates(certFile);
    PrivateKey key = Pem.readPrivateKey(keyFile);
    checkKeyMatches(chain.get(0).getPublicKey(), key, certFile, keyFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, NO_PASSWORD);
      return kmf.getKeyManagers();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw Pem.invalid(keyFile, "cannot use the key with " + certFile + ": " + e.getMessage(), e);
    }
  }

  /** Fails early, naming both files, when the key is not the certificate's. */
  private static void checkKeyMatches(PublicKey pub, PrivateKey key, Path certFile, Path keyFile) {
    boolean matches;
    if (pub instanceof RSAKey rp && key instanceof RSAKey rk) {
      matches = rp.getModulus().equals(rk.getModulus());
    } else if (pub instanceof ECKey && key instanceof ECKey) {
      matches = signs(pub, key, "SHA256withECDSA");
    } else {
      matches = pub.getAlgorithm().equals(key.getAlgorithm())
          || !(pub instanceof RSAKey || pub instanceof ECKey || key instanceof RSAKey
              || key instanceof ECKey);
    }
    if (!matches) {
      throw Pem.invalid(keyFile, "the private key does not belong to the certificate in "
          + certFile, null);
    }
  }

  private static boolean signs(PublicKey pub, PrivateKey key, String algorithm) {
    try {
      byte[] probe = "hangar".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(algorithm);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(algorithm);
      v.initVerify(pub);
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
