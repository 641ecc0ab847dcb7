package dev.hangar.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS for a plugin reached over {@code https} or through a {@code .json} spec's {@code TLSConfig}.
 *
 * <p>Unlike Docker, an absent {@code caFile} means "verify against the system trust store", not
 * "skip verification"; only {@code insecureSkipVerify} skips it.
 *
 * @param caFile PEM CA certificates to trust instead of the system store, or null
 * @param certFile PEM client certificate, used together with {@code keyFile}, or null
 * @param keyFile PEM private key (PKCS#8, or PKCS#1 RSA), or null
 * @param insecureSkipVerify true to accept any server certificate
 * @since 0.1
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TlsSettings(
    @JsonProperty("CAFile") Path caFile,
    @JsonProperty("CertFile") Path certFile,
    @JsonProperty("KeyFile") Path keyFile,
    @JsonProperty("InsecureSkipVerify") boolean insecureSkipVerify) {

  /** System trust store, no client certificate. */
  public static final TlsSettings SYSTEM = new TlsSettings(null, null, null, false);

  /** The CA file, when one is set. */
  public Optional<Path> ca() {
    return Optional.ofNullable(caFile);
  }

  /** Whether a client certificate is configured (Docker uses one only when both files are set). */
  public boolean hasClientCertificate() {
    return certFile != null && keyFile != null;
  }
}
