package dev.hangar;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.MethodNotFoundException;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.PluginCallException;
import dev.hangar.protocol.WireMethod;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.protocol.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** A one-request-per-connection client over unix sockets, standing in for the real client. */
final class MiniClient implements PluginClient {
  private final String name;
  private final PluginAddress.Unix address;

  MiniClient(String name, PluginAddress address) {
    this.name = name;
    this.address = (PluginAddress.Unix) address;
  }

  @Override
  public String pluginName() {
    return name;
  }

  @Override
  public PluginAddress address() {
    return address;
  }

  @Override
  public <T> T call(String method, Object args, Type resultType, CallOptions options) {
    byte[] body = callRaw(method, args, options);
    if (resultType == Void.class || resultType == void.class) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(body, Json.MAPPER.constructType(resultType));
    } catch (IOException e) {
      throw new PluginCallException(ErrorCode.PROTOCOL_ERROR, name, method, 200, "bad JSON", e);
    }
  }

  @Override
  public byte[] callRaw(String method, Object args, CallOptions options) {
    SocketChannel ch;
    try {
      ch = SocketChannel.open(UnixDomainSocketAddress.of(address.socket()));
    } catch (IOException e) {
      throw new PluginCallException(ErrorCode.PLUGIN_UNREACHABLE, name, method, 0,
          "cannot connect: " + e, e);
    }
    try (ch) {
      byte[] req = args == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(args);
      String head = "POST /" + method + " HTTP/1.1\r\nHost: plugin\r\nContent-Length: "
          + req.length + "\r\nConnection: close\r\n\r\n";
      var out = Channels.newOutputStream(ch);
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(req);
      out.flush();
      byte[] all = Channels.newInputStream(ch).readAllBytes();
      String text = new String(all, StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      if (split < 0) {
        throw new IOException("no reply");
      }
      int status = Integer.parseInt(text.substring(9, 12));
      String bodyText = text.substring(split + 4);
      if (status == 404) {
        throw new MethodNotFoundException(name, method, bodyText);
      }
      if (status != 200) {
        throw new PluginCallException(ErrorCode.PLUGIN_CALL_FAILED, name, method, status,
            bodyText, null);
      }
      return bodyText.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PluginCallException(ErrorCode.CONNECTION_LOST, name, method, 0, e.toString(), e);
    }
  }

  @Override
  public InputStream stream(String method, Object args, CallOptions options) {
    return new ByteArrayInputStream(callRaw(method, args, options));
  }

  @Override
  public <T> T sendFile(String method, InputStream body, long length, Type resultType,
      CallOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> T proxy(Class<T> iface) {
    return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
        (p, m, a) -> call(m.getAnnotation(WireMethod.class).value(), a == null ? null : a[0],
            m.getGenericReturnType(), CallOptions.DEFAULT)));
  }

  @Override
  public void close() {}
}
