package dev.hangar.sdk.internal;

import dev.hangar.protocol.Wire;
import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.StringUtil;

/**
 * HTTP/1.1 connections that accept an empty {@code Host} header.
 *
 * <p>Docker builds with Go before 1.20.6 (Docker 20.10, as shipped by Debian 12, among them) send
 * {@code Host: } with an empty value on unix sockets: Go cut the socket path at its first slash.
 * Jetty answers such a request 400 "Blank Host". A plugin must ignore Host, so a blank Host header
 * is replaced by {@code Host: plugin.moby.localhost} (what newer Docker sends) before Jetty sees
 * it.
 *
 * <p>Relies on Jetty 12.1's {@code HttpConnection.newRequestHandler()} hook, the way Jetty's own
 * {@link HttpConnectionFactory} builds connections; the SDK's tests send a blank Host to catch a
 * change in a Jetty upgrade.
 */
public final class HostTolerantConnectionFactory extends HttpConnectionFactory {
  private static final HttpField BLANK_HOST_REPLACEMENT = new HostPortHttpField(Wire.UNIX_HOST);

  /** @param config the HTTP configuration */
  public HostTolerantConnectionFactory(HttpConfiguration config) {
    super(config);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection c = new TolerantConnection(getHttpConfiguration(), connector, endPoint);
    c.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(c, connector, endPoint);
  }

  private static final class TolerantConnection extends HttpConnection {
    TolerantConnection(HttpConfiguration config, Connector connector, EndPoint endPoint) {
      super(config, connector, endPoint);
    }

    @Override
    protected RequestHandler newRequestHandler() {
      return new BlankHostDropping();
    }

    private final class BlankHostDropping extends RequestHandler {
      @Override
      public void parsedHeader(HttpField field) {
        if (field.getHeader() == HttpHeader.HOST && StringUtil.isBlank(field.getValue())) {
          super.parsedHeader(BLANK_HOST_REPLACEMENT);
          return;
        }
        super.parsedHeader(field);
      }
    }
  }
}
