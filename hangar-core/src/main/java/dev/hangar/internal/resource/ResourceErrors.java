package dev.hangar.internal.resource;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.IoErrors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns the I/O failures of a download into {@link HangarException}s, once, in one place. */
public final class ResourceErrors {
  private ResourceErrors() {}

  /** A failure of the resource client (reaching or reading the resource). */
  public static HangarException fromClient(IOException e, URI uri) {
    if (e instanceof FileNotFoundException || e instanceof NoSuchFileException) {
      return new HangarException(ErrorCode.RESOURCE_NOT_FOUND,
          "resource not found: " + uri + " (" + text(e) + ")", e);
    }
    if (isUnreachable(e)) {
      String where = uri.getHost() == null ? uri.toString()
          : uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
      return new HangarException(ErrorCode.RESOURCE_UNREACHABLE,
          "cannot connect to " + where + " for " + uri + ": " + text(e), e);
    }
    if (e instanceof javax.net.ssl.SSLHandshakeException && untrusted(e)) {
      return new HangarException(ErrorCode.DOWNLOAD_FAILED, "download of " + uri + " failed: "
          + "the server's certificate is not trusted (for a private CA, give its certificate "
          + "with --cacert FILE): " + text(e), e);
    }
    return new HangarException(ErrorCode.DOWNLOAD_FAILED,
        "download of " + uri + " failed: " + text(e), e);
  }

  /** Whether a handshake failed because no trusted path to the server's certificate exists. */
  private static boolean untrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertPathValidatorException
          || t instanceof java.security.cert.CertPathBuilderException) {
        return true;
      }
    }
    return false;
  }

  /** A failure to write {@code file}: a full disk gets its own code. */
  public static HangarException fromWrite(IOException e, Path file) {
    if (IoErrors.isDiskFull(e)) {
      return new HangarException(ErrorCode.DISK_FULL,
          "no space left on device while writing " + file, e);
    }
    return new HangarException(ErrorCode.IO_ERROR, "cannot write " + file + ": " + text(e), e);
  }

  private static boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String text(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t instanceof ConnectException ? "connection refused" : t.getMessage();
      }
    }
    return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
  }
}
