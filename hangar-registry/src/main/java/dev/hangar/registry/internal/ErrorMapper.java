package dev.hangar.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.registry.Digest;
import dev.hangar.registry.RegistryError;
import dev.hangar.registry.RegistryException;
import dev.hangar.registry.internal.http.CappedBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one place where registry answers and transport failures become exceptions: the
 * distribution API's error body and HTTP status, I/O failures, stalls, bad digests and
 * manifests. Every message starts with the {@link Subject}, so it names the registry, the
 * repository and the reference.
 */
public final class ErrorMapper {
  private static final int MAX_QUOTED = 512;

  private ErrorMapper() {}

  /**
   * An error answer of the registry.
   *
   * @param s what the request concerned
   * @param status the HTTP status
   * @param body the (capped) body, possibly empty
   * @param hadCredentials whether credentials were sent, for the hint of a 401
   * @return the exception
   */
  public static RegistryException answer(Subject s, int status, byte[] body,
      boolean hadCredentials) {
    List<RegistryError> errors = parse(body);
    ErrorCode code = code(s, status, errors);
    StringBuilder m = new StringBuilder(s.toString()).append(": registry answered ").append(status);
    if (errors.isEmpty()) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      if (!text.isEmpty()) {
        m.append(": ").append(quote(text));
      }
    } else {
      for (RegistryError e : errors) {
        m.append(": ").append(e.code()).append(": ").append(quote(e.message()));
      }
    }
    if (code == ErrorCode.REGISTRY_AUTH && !hadCredentials) {
      m.append(" (no credentials for ").append(s.registry())
          .append(": log in, e.g. with docker login ").append(s.registry()).append(")");
    }
    return new RegistryException(code, m.toString(), s.registry(), s.repository(),
        s.reference(), status, errors, null);
  }

  /**
   * A transport failure: no connection, an untrusted certificate, a connection that broke.
   *
   * @param s what the request concerned
   * @param e the failure
   * @param certsDir Docker's {@code certs.d}, for the hint of an untrusted certificate
   * @return the exception (REGISTRY_UNREACHABLE)
   */
  public static RegistryException io(Subject s, IOException e, Path certsDir) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CappedBody.TooLarge big) {
        return s.kind() == Subject.Kind.MANIFEST
            ? invalidManifest(s, "is larger than " + big.max() / 1024 + " KiB")
            : of(ErrorCode.REGISTRY_ERROR, s, "the registry's reply is larger than "
                + big.max() + " bytes");
      }
    }
    String why;
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException
        || e instanceof UnknownHostException || e.getCause() instanceof UnresolvedAddressException) {
      why = "cannot connect to registry " + s.registry() + ": " + describe(e);
    } else if (untrusted(e)) {
      why = "cannot verify the TLS certificate of registry " + s.registry() + ": "
          + describe(e) + " (trust its CA in " + certsDir.resolve(s.registry()).resolve("ca.crt")
          + " or pass it as an extra CA)";
    } else if (e instanceof SSLException) {
      why = "TLS with registry " + s.registry() + " failed: " + describe(e);
    } else {
      why = "connection to registry " + s.registry() + " lost: " + describe(e);
    }
    return unreachable(s, why, e);
  }

  /**
   * Nothing moved for the stall timeout.
   *
   * @param s what the request concerned
   * @param stall the timeout
   * @return the exception (REGISTRY_UNREACHABLE)
   */
  public static RegistryException stalled(Subject s, Duration stall) {
    return unreachable(s, "registry " + s.registry() + " sent or took nothing for "
        + stall.toMillis() / 1000.0 + " s", null);
  }

  /**
   * A failure with a message of the caller's, under REGISTRY_UNREACHABLE.
   *
   * @param s what the request concerned
   * @param why what happened
   * @param cause the cause, or null
   * @return the exception
   */
  public static RegistryException unreachable(Subject s, String why, Throwable cause) {
    return new RegistryException(ErrorCode.REGISTRY_UNREACHABLE, s + ": " + why, s.registry(),
        s.repository(), s.reference(), 0, List.of(), cause);
  }

  /**
   * Content that does not match its digest.
   *
   * @param s what the request concerned
   * @param expected the digest asked for or announced
   * @param actual the digest of the bytes received
   * @return the exception (DIGEST_MISMATCH)
   */
  public static RegistryException digestMismatch(Subject s, Digest expected, Digest actual) {
    return new RegistryException(ErrorCode.DIGEST_MISMATCH, s + ": digest mismatch: expected "
        + expected + ", got " + actual + "; nothing was kept", s.registry(), s.repository(),
        s.reference(), 0, List.of(), null);
  }

  /**
   * An unusable manifest.
   *
   * @param s what the request concerned
   * @param why what is wrong with it
   * @return the exception (MANIFEST_INVALID)
   */
  public static RegistryException invalidManifest(Subject s, String why) {
    return of(ErrorCode.MANIFEST_INVALID, s, why);
  }

  /**
   * An exception with a code and message of the caller's.
   *
   * @param code the code
   * @param s what the request concerned
   * @param why what happened
   * @return the exception
   */
  public static RegistryException of(ErrorCode code, Subject s, String why) {
    return new RegistryException(code, s + ": " + why, s.registry(), s.repository(),
        s.reference(), 0, List.of(), null);
  }

  /**
   * An answer that breaks the distribution API (no {@code Location}, a bad header).
   *
   * @param s what the request concerned
   * @param status the status received
   * @param why what is wrong
   * @return the exception (REGISTRY_ERROR)
   */
  public static RegistryException protocol(Subject s, int status, String why) {
    return new RegistryException(ErrorCode.REGISTRY_ERROR, s + ": registry answered " + status
        + " but " + why, s.registry(), s.repository(), s.reference(), status, List.of(), null);
  }

  private static ErrorCode code(Subject s, int status, List<RegistryError> errors) {
    for (RegistryError e : errors) {
      ErrorCode c = switch (e.code()) {
        case "UNAUTHORIZED", "DENIED" -> ErrorCode.REGISTRY_AUTH;
        case "MANIFEST_UNKNOWN" -> ErrorCode.MANIFEST_NOT_FOUND;
        case "BLOB_UNKNOWN" -> s.kind() == Subject.Kind.MANIFEST_PUSH
            ? ErrorCode.MANIFEST_INVALID : ErrorCode.BLOB_NOT_FOUND;
        case "NAME_UNKNOWN" -> s.kind() == Subject.Kind.BLOB
            ? ErrorCode.BLOB_NOT_FOUND : ErrorCode.MANIFEST_NOT_FOUND;
        case "MANIFEST_INVALID", "MANIFEST_UNVERIFIED", "MANIFEST_BLOB_UNKNOWN", "TAG_INVALID" ->
            ErrorCode.MANIFEST_INVALID;
        case "DIGEST_INVALID" -> ErrorCode.DIGEST_MISMATCH;
        case "NAME_INVALID" -> ErrorCode.USAGE;
        default -> null;
      };
      if (c != null) {
        return c;
      }
    }
    if (status == 401 || status == 403) {
      return ErrorCode.REGISTRY_AUTH;
    }
    if (status == 404) {
      return switch (s.kind()) {
        case BLOB -> ErrorCode.BLOB_NOT_FOUND;
        case MANIFEST, TAGS -> ErrorCode.MANIFEST_NOT_FOUND;
        default -> ErrorCode.REGISTRY_ERROR;
      };
    }
    return ErrorCode.REGISTRY_ERROR;
  }

  /** The {@code errors} of a distribution API error body; none when it is not one. */
  static List<RegistryError> parse(byte[] body) {
    List<RegistryError> out = new ArrayList<>();
    if (body.length == 0) {
      return out;
    }
    try {
      JsonNode errs = Json.MAPPER.readTree(body).path("errors");
      for (JsonNode e : errs) {
        String code = e.path("code").asText("");
        if (code.isEmpty()) {
          continue;
        }
        JsonNode d = e.get("detail");
        out.add(new RegistryError(code, e.path("message").asText(""),
            d == null || d.isNull() ? "" : d.toString()));
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return out;
  }

  private static boolean untrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          || (t instanceof SSLHandshakeException && String.valueOf(t.getMessage())
              .contains("PKIX"))) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isEmpty())) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null || m.isEmpty() ? t.getClass().getSimpleName() : m;
  }

  private static String quote(String text) {
    String t = text.replaceAll("\\s+", " ");
    return t.length() > MAX_QUOTED ? t.substring(0, MAX_QUOTED) + "..." : t;
  }
}
