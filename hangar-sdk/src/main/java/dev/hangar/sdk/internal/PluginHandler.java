package dev.hangar.sdk.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.hangar.protocol.Wire;
import dev.hangar.protocol.internal.Json;
import dev.hangar.sdk.PluginError;
import dev.hangar.sdk.RawHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty handler of a plugin server: Docker's plugin protocol rules.
 *
 * <ul>
 *   <li>Only {@code POST}; anything else is 405.
 *   <li>The path (query ignored, Host ignored) names the wire method: {@code /Plugin.Activate}
 *       answers the manifest, a registered method its handler's reply, anything else 404.
 *   <li>The body is read up to {@code maxBodyBytes} (413 beyond), must be empty or one JSON value
 *       (400 otherwise).
 *   <li>Every reply is JSON with Docker's SDK content type; a 200 carries at least {@code {}}; a
 *       handler failure is 500 with {@code {"Err":"<message>"}}, its stack trace only logged.
 * </ul>
 *
 * <p>Blocking: runs on a thread of the server's pool.
 */
public final class PluginHandler extends Handler.Abstract {
  private static final System.Logger LOG = System.getLogger("dev.hangar.sdk.PluginServer");
  private static final ObjectReader STRICT_READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Router router;
  private final long maxBodyBytes;

  /**
   * @param router the routes
   * @param maxBodyBytes the largest request body accepted
   */
  public PluginHandler(Router router, long maxBodyBytes) {
    super(InvocationType.BLOCKING);
    this.router = router;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getDecodedPath();
    String method = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
    if (!HttpMethod.POST.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Replies.error(
          "method " + request.getMethod() + " not allowed for " + path
              + "; plugin calls use POST"));
      return true;
    }
    if (Router.isActivate(method)) {
      reply(response, callback, HttpStatus.OK_200, router.activation());
      return true;
    }
    Optional<RawHandler> handler = router.route(method);
    if (handler.isEmpty()) {
      reply(response, callback, HttpStatus.NOT_FOUND_404,
          Replies.error("plugin does not implement " + method));
      return true;
    }
    JsonNode body;
    try {
      body = readBody(request, method);
    } catch (BodyTooLargeException e) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      reply(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, Replies.error(e.getMessage()));
      return true;
    } catch (BadBodyException e) {
      reply(response, callback, HttpStatus.BAD_REQUEST_400, Replies.error(e.getMessage()));
      return true;
    } catch (IOException e) {
      // The connection broke while reading: nobody is left to answer.
      callback.failed(e);
      return true;
    }
    invoke(method, handler.get(), body, response, callback);
    return true;
  }

  private void invoke(String method, RawHandler handler, JsonNode body, Response response,
      Callback callback) {
    byte[] reply;
    int status = HttpStatus.OK_200;
    try {
      Object result = handler.handle(body);
      if (result instanceof InputStream stream) {
        streamReply(method, stream, response, callback);
        return;
      }
      reply = Replies.json(result);
    } catch (BadBodyException e) {
      status = HttpStatus.BAD_REQUEST_400;
      reply = Replies.error(e.getMessage());
    } catch (PluginError e) {
      LOG.log(Level.DEBUG, () -> "plugin method " + method + " answered an error: "
          + e.getMessage());
      status = HttpStatus.INTERNAL_SERVER_ERROR_500;
      reply = Replies.error(errText(e));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Exception | Error e) {
      LOG.log(Level.WARNING, "plugin method " + method + " failed", e);
      status = HttpStatus.INTERNAL_SERVER_ERROR_500;
      reply = Replies.error(errText(e));
    }
    reply(response, callback, status, reply);
  }

  /**
   * Sends {@code stream} as the 200 body, chunked, and closes it. A failure while copying can
   * only abort the response: the status is already sent.
   */
  private static void streamReply(String method, InputStream stream, Response response,
      Callback callback) {
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Wire.CONTENT_TYPE);
    try (InputStream in = stream; OutputStream out = Content.Sink.asOutputStream(response)) {
      in.transferTo(out);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "streaming the reply of " + method + " failed", e);
      callback.failed(e);
      return;
    }
    callback.succeeded();
  }

  /** The {@code Err} text of a failure: its message, else its type's simple name. */
  static String errText(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private JsonNode readBody(Request request, String method)
      throws IOException, BodyTooLargeException, BadBodyException {
    long declared = request.getLength();
    if (declared > maxBodyBytes) {
      throw new BodyTooLargeException(method, declared, maxBodyBytes);
    }
    byte[] bytes = readAtMost(Content.Source.asInputStream(request), maxBodyBytes);
    if (bytes == null) {
      throw new BodyTooLargeException(method, -1, maxBodyBytes);
    }
    if (isBlank(bytes)) {
      return null;
    }
    try {
      JsonNode node = STRICT_READER.readTree(bytes);
      return node == null || node.isNull() || node.isMissingNode() ? null : node;
    } catch (JacksonException e) {
      throw new BadBodyException("request body of " + method + " is not valid JSON: "
          + e.getOriginalMessage());
    }
  }

  /** Reads the whole stream, or returns null as soon as it is longer than {@code max}. */
  private static byte[] readAtMost(InputStream in, long max) throws IOException {
    byte[] buf = new byte[(int) Math.min(8192, max + 1)];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n > max) {
          return null;
        }
        buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, max + 1));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        return n > max ? null : Arrays.copyOf(buf, n);
      }
      n += r;
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  static void reply(Response response, Callback callback, int status, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Wire.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** A body over the limit. */
  static final class BodyTooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(String method, long declared, long max) {
      super("request body of " + method + " is larger than the limit of " + max + " bytes"
          + (declared >= 0 ? " (" + declared + " bytes)" : ""));
    }
  }
}
