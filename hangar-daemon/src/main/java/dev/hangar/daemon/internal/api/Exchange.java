package dev.hangar.daemon.internal.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request being answered: its route, query and body, and the ways to answer it (a whole
 * body, an empty one, or a stream). Exactly one answer completes the exchange; used by one
 * thread.
 */
final class Exchange {
  static final String JSON = "application/json";

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final RouteMatch match;
  private final Optional<String> apiVersion;
  private Query query;
  private boolean answered;

  Exchange(Request request, Response response, Callback callback, RouteMatch match,
      Optional<String> apiVersion) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.match = match;
    this.apiVersion = apiVersion;
  }

  RouteMatch match() {
    return match;
  }

  /** The plugin reference in the path. */
  String name() {
    return match.name();
  }

  /** The version of the {@code /vX.Y} prefix, when there is one. */
  Optional<String> apiVersion() {
    return apiVersion;
  }

  boolean isHead() {
    return request.getMethod().equals("HEAD");
  }

  /**
   * The query, parsed on first use (dockerd's handlers that call {@code ParseForm}).
   *
   * @throws dev.hangar.protocol.HangarException USAGE for a malformed query
   */
  Query query() {
    if (query == null) {
      query = Query.parse(request.getHttpURI().getQuery());
    }
    return query;
  }

  /** A request header, {@code ""} when absent. */
  String header(String name) {
    String v = request.getHeaders().get(name);
    return v == null ? "" : v;
  }

  /** The {@code Content-Length}; 0 without one unless chunked, then -1. */
  long declaredLength() {
    long n = request.getLength();
    if (n >= 0) {
      return n;
    }
    return request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING) ? -1 : 0;
  }

  /**
   * The request body, read blocking. Closing it does nothing: closing Jetty's stream would fail
   * the request and end the connection, while an answer must still be sent on it.
   */
  InputStream body() {
    return new FilterInputStream(Content.Source.asInputStream(request)) {
      @Override
      public void close() {
        // The exchange, not the reader, ends the request.
      }
    };
  }

  /**
   * Reads and drops what is left of the request body, at most {@code max} bytes.
   *
   * @return whether the body is now read to its end
   */
  boolean drainBody(int max) {
    InputStream in = body();
    byte[] buf = new byte[8192];
    long read = 0;
    try {
      while (read <= max) {
        int n = in.read(buf);
        if (n < 0) {
          return true;
        }
        read += n;
      }
    } catch (IOException e) {
      // The body cannot be read (the client went away): the connection ends anyway.
    }
    return false;
  }

  /** The request, for what only streams need (the client probe). */
  Request request() {
    return request;
  }

  /** Sends {@code body} as JSON with {@code status}. */
  void json(int status, byte[] body) {
    bytes(status, JSON, body);
  }

  /** Sends {@code body} with {@code status} and {@code contentType}. */
  void bytes(int status, String contentType, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    finish(ByteBuffer.wrap(body));
  }

  /** Sends no body: {@code Content-Length: 0} for a 200, nothing for a 204. */
  void empty(int status) {
    response.setStatus(status);
    if (status != 204) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    }
    finish(ByteBuffer.allocate(0));
  }

  /** Sets a response header. */
  void header(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /**
   * Starts a streamed 200 answer and sends its head at once. Each write is sent blocking; flush
   * after each message. Close the stream with {@link #endStream}.
   */
  OutputStream startStream(String contentType) throws IOException {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    OutputStream out = Content.Sink.asOutputStream(response);
    out.flush();
    return out;
  }

  /** Ends a stream started by {@link #startStream}: its last chunk when the client is there. */
  void endStream(OutputStream out) {
    answered = true;
    try {
      out.close();
      callback.succeeded();
    } catch (IOException e) {
      callback.failed(e);
    }
  }

  /** Whether the status line is sent (an error can then only abort the answer). */
  boolean committed() {
    return response.isCommitted();
  }

  /** Whether the exchange is answered. */
  boolean answered() {
    return answered;
  }

  /** Aborts the answer (the client sees a broken response). */
  void abort(Throwable cause) {
    if (!answered) {
      answered = true;
      callback.failed(cause);
    }
  }

  /** Forgets what was set for an answer that failed before it was sent. */
  void resetUncommitted() {
    response.reset();
  }

  Response response() {
    return response;
  }

  private void finish(ByteBuffer body) {
    answered = true;
    response.write(true, body, callback);
  }
}
