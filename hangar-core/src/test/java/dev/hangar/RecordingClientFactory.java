package dev.hangar;

import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps the clients of another factory, counting how many are made and closed. */
final class RecordingClientFactory implements PluginClientFactory {
  final AtomicInteger created = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  private final PluginClientFactory delegate;

  RecordingClientFactory(PluginClientFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public PluginClient create(String pluginName, PluginAddress address, ClientConfig config) {
    PluginClient c = delegate.create(pluginName, address, config);
    created.incrementAndGet();
    return new PluginClient() {
      private boolean isClosed;

      @Override
      public String pluginName() {
        return c.pluginName();
      }

      @Override
      public PluginAddress address() {
        return c.address();
      }

      @Override
      public <T> T call(String method, Object args, Type resultType, CallOptions options) {
        return c.call(method, args, resultType, options);
      }

      @Override
      public byte[] callRaw(String method, Object args, CallOptions options) {
        return c.callRaw(method, args, options);
      }

      @Override
      public InputStream stream(String method, Object args, CallOptions options) {
        return c.stream(method, args, options);
      }

      @Override
      public <T> T sendFile(String method, InputStream body, long length, Type resultType,
          CallOptions options) {
        return c.sendFile(method, body, length, resultType, options);
      }

      @Override
      public <T> T proxy(Class<T> iface) {
        return c.proxy(iface);
      }

      @Override
      public synchronized void close() {
        if (!isClosed) {
          isClosed = true;
          closed.incrementAndGet();
        }
        c.close();
      }
    };
  }
}
