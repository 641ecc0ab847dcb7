package dev.hangar.daemon.internal.api;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The daemon's Jetty handler: dockerd's router and its middlewares.
 *
 * <ul>
 *   <li>Every response carries {@code Api-Version}, {@code Ostype}, {@code Docker-Experimental}
 *       and {@code Server: Hangar/<version> (linux)}. Host is ignored.
 *   <li>Docker's routes are served with and without a {@code /vX.Y} prefix; a version below
 *       {@link ApiVersions#MIN} or above {@link ApiVersions#CURRENT} is 400 (dockerd's message;
 *       plain text below 1.24, as dockerd).
 *   <li>An unknown route (or a known path with another method) is 404
 *       {@code {"message":"page not found"}}.
 *   <li>A {@link HangarException} is its code's HTTP status, {@code {"message":"..."}} and the
 *       header {@code Hangar-Error-Code: <CODE>}; anything else is 500 with its message, logged
 *       with its stack. Once a stream has started, a failure can only abort it.
 * </ul>
 *
 * <p>Blocking: each request runs on a virtual thread of its own.
 */
final class ApiHandler extends Handler.Abstract {
  private static final System.Logger LOG = System.getLogger("dev.hangar.daemon");
  static final String ERROR_CODE_HEADER = "Hangar-Error-Code";
  /** How much of an unread request body an error answer reads first (Go's server: 256 KiB). */
  static final int MAX_DRAIN = 256 << 10;

  private final Endpoints endpoints;
  private final String serverHeader;

  ApiHandler(Endpoints endpoints, String serverHeader) {
    super(InvocationType.BLOCKING);
    this.endpoints = endpoints;
    this.serverHeader = serverHeader;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    commonHeaders(response);
    String path = request.getHttpURI().getDecodedPath();
    VersionedPath vp = VersionedPath.of(path == null || path.isEmpty() ? "/" : path);
    Optional<RouteMatch> match =
        RouteMatch.of(request.getMethod(), vp.path(), vp.version().isPresent());
    Exchange ex = new Exchange(request, response, callback,
        match.orElse(new RouteMatch(Route.OPTIONS, "", "")), vp.version());
    if (match.isEmpty()) {
      ex.json(404, ApiJson.error("page not found"));
      return true;
    }
    if (!readsBody(match.get().route())) {
      // Streams and long operations (enable waits for the plugin) may go quiet for longer than
      // the connection's idle timeout; only a stalled request body should time out.
      request.addIdleTimeoutListener(timeout -> false);
    }
    try {
      vp.version().ifPresent(ApiHandler::checkVersion);
      endpoints.serve(ex);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.abort(e);
    } catch (Throwable t) {
      fail(ex, t);
    }
    if (!ex.answered()) {
      fail(ex, new IllegalStateException("no answer to " + request.getMethod() + " " + path));
    }
    return true;
  }

  private static boolean readsBody(Route r) {
    return r == Route.PLUGIN_CREATE || r == Route.PLUGIN_SET || r == Route.HANGAR_CALL;
    // pull and upgrade read a small body first, then may go quiet while layers unpack
  }

  private void commonHeaders(Response response) {
    response.getHeaders().put(HttpHeader.SERVER, serverHeader);
    response.getHeaders().put("Api-Version", ApiVersions.CURRENT);
    response.getHeaders().put("Ostype", "linux");
    response.getHeaders().put("Docker-Experimental", "false");
  }

  /** dockerd's version middleware. */
  static void checkVersion(String version) {
    if (ApiVersions.lessThan(version, ApiVersions.MIN)) {
      throw new HangarException(ErrorCode.USAGE, "client version " + version
          + " is too old. Minimum supported API version is " + ApiVersions.MIN
          + ", please upgrade your client to a newer version");
    }
    if (ApiVersions.compare(version, ApiVersions.CURRENT) > 0) {
      throw new HangarException(ErrorCode.USAGE, "client version " + version
          + " is too new. Maximum supported API version is " + ApiVersions.CURRENT);
    }
  }

  private void fail(Exchange ex, Throwable t) {
    String what = ex.request().getMethod() + " " + ex.request().getHttpURI().getPathQuery();
    if (ex.answered() || ex.committed()) {
      LOG.log(Level.DEBUG, () -> what + " failed after its answer started", t);
      ex.abort(t);
      return;
    }
    int status;
    String message = t.getMessage() == null || t.getMessage().isBlank()
        ? t.getClass().getSimpleName() : t.getMessage();
    Optional<ErrorCode> code = Optional.empty();
    if (t instanceof DistEndpoints.StatusException se) {
      code = Optional.of(se.hangar().code());
      status = se.status;
    } else if (t instanceof HangarException he) {
      code = Optional.of(he.code());
      status = he.code().httpStatus();
      if (status >= 500 && he.code() != ErrorCode.NOT_IMPLEMENTED) {
        LOG.log(Level.INFO, () -> what + " failed: " + he.code() + ": " + he.getMessage());
      }
    } else if (t instanceof EofException) {
      // The client went away while its request was read: nobody is left to answer.
      LOG.log(Level.DEBUG, () -> what + ": the client went away", t);
      ex.abort(t);
      return;
    } else {
      status = 500;
      LOG.log(Level.WARNING, what + " failed", t);
    }
    ex.resetUncommitted();
    commonHeaders(ex.response());
    if (readsBody(ex.match().route()) && !ex.drainBody(MAX_DRAIN)) {
      // As Go's server: a body left unread past a small limit ends the connection, said so.
      ex.header("Connection", "close");
    }
    code.ifPresent(c -> ex.header(ERROR_CODE_HEADER, c.name()));
    if (ex.apiVersion().map(v -> ApiVersions.lessThan(v, "1.24")).orElse(false)) {
      // dockerd answers clients older than 1.24 in plain text (http.Error).
      ex.header("X-Content-Type-Options", "nosniff");
      ex.bytes(status, "text/plain; charset=utf-8",
          (message + "\n").getBytes(StandardCharsets.UTF_8));
    } else {
      ex.json(status, ApiJson.error(message));
    }
  }
}
