package dev.hangar.registry.internal.tls;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.tls.Pem;
import dev.hangar.protocol.internal.tls.TrustAll;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for one registry host as Docker arranges it: the system's roots plus every
 * {@code *.crt} in {@code <certsDir>/<host:port>/} and the caller's extra CAs; a client
 * certificate from a {@code <name>.cert} + {@code <name>.key} pair in that directory.
 */
public final class RegistryTls {
  /** TLS 1.2 is the minimum, as Docker's. */
  public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final char[] NO_PASSWORD = new char[0];

  private RegistryTls() {}

  /** Parameters every registry connection uses. */
  public static SSLParameters parameters() {
    SSLParameters p = new SSLParameters();
    p.setProtocols(PROTOCOLS);
    return p;
  }

  /**
   * The context for {@code authority}.
   *
   * @param certsDir Docker's {@code certs.d} (absent is fine)
   * @param authority {@code host[:port]} as in references
   * @param extraCas more PEM CA files to trust for every registry
   * @param skipVerify accept any certificate (registries named insecure, as Docker does)
   * @return the context
   * @throws HangarException (TLS_INVALID) naming a file that cannot be used
   */
  public static SSLContext context(Path certsDir, String authority, List<Path> extraCas,
      boolean skipVerify) {
    Path hostDir = certsDir.resolve(authority.replace("[", "").replace("]", ""));
    List<Path> cas = new ArrayList<>(extraCas);
    Path clientCert = null;
    Path clientKey = null;
    if (Files.isDirectory(hostDir)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(hostDir)) {
        List<Path> sorted = new ArrayList<>();
        files.forEach(sorted::add);
        sorted.sort(null);
        for (Path f : sorted) {
          String name = f.getFileName().toString();
          if (name.endsWith(".crt")) {
            cas.add(f);
          } else if (name.endsWith(".cert")) {
            Path key = hostDir.resolve(name.substring(0, name.length() - 5) + ".key");
            if (!Files.exists(key)) {
              throw new HangarException(ErrorCode.TLS_INVALID, "missing key " + key
                  + " for client certificate " + f);
            }
            clientCert = f;
            clientKey = key;
          } else if (name.endsWith(".key")) {
            Path cert = hostDir.resolve(name.substring(0, name.length() - 4) + ".cert");
            if (!Files.exists(cert)) {
              throw new HangarException(ErrorCode.TLS_INVALID, "missing client certificate "
                  + cert + " for key " + f);
            }
          }
        }
      } catch (IOException e) {
        throw new HangarException(ErrorCode.TLS_INVALID, hostDir + ": cannot read: "
            + e.getMessage(), e);
      }
    }
    try {
      TrustManager[] trust = skipVerify ? new TrustManager[] {TrustAll.INSTANCE} : trust(cas);
      KeyManager[] keys = clientCert == null ? null : keys(clientCert, clientKey);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trust, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new HangarException(ErrorCode.TLS_INVALID, "cannot set up TLS for registry "
          + authority + ": " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trust(List<Path> cas)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory sys = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    sys.init((KeyStore) null);
    if (cas.isEmpty()) {
      return sys.getTrustManagers();
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int i = 0;
    for (TrustManager tm : sys.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        for (X509Certificate c : x.getAcceptedIssuers()) {
          store.setCertificateEntry("system" + i++, c);
        }
      }
    }
    for (Path ca : cas) {
      for (X509Certificate c : Pem.readCertificates(ca)) {
        store.setCertificateEntry("ca" + i++, c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  private static KeyManager[] keys(Path cert, Path keyFile)
      throws GeneralSecurityException, IOException {
    List<X509Certificate> chain = Pem.readCertificates(cert);
    PrivateKey key = Pem.readPrivateKey(keyFile);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, NO_PASSWORD);
    return kmf.getKeyManagers();
  }
}
