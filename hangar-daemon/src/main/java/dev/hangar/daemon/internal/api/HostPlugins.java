package dev.hangar.daemon.internal.api;

import dev.hangar.PluginHost;
import dev.hangar.exec.ExecResult;
import dev.hangar.internal.jarcall.JarMethodCall;
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.client.ClientConfig;
import dev.hangar.protocol.client.PluginClient;
import java.time.Duration;
import java.util.Optional;

/**
 * What the call relay reaches besides managed plugins: the socket, exec and JAR plugins of the
 * daemon's host. Their calls are the host's, so its observer (the daemon's metrics and events)
 * sees them.
 */
interface HostPlugins {
  /** The client of the socket plugin {@code name}. */
  PluginClient socket(String name);

  /** The exec call {@code domain.method} with {@code args} (JSON, or null for none). */
  ExecResult exec(String command, String args);

  /**
   * The JAR call of {@code method} on {@code name} ({@code TYPE/NAME}, or a name alone when one
   * type has it), as {@link JarMethodCall#call} answers it (null for {@code void}), within
   * {@code timeout} (the client default when empty).
   */
  String jar(String name, String method, String args, Optional<Duration> timeout);

  /** No plugins: every name is not found. */
  HostPlugins NONE = new HostPlugins() {
    @Override
    public PluginClient socket(String name) {
      throw new PluginNotFoundException(name, "plugin " + name + " not found");
    }

    @Override
    public ExecResult exec(String command, String args) {
      String domain = command.substring(0, command.indexOf('.'));
      throw new PluginNotFoundException(domain, "exec plugin " + domain + " not found");
    }

    @Override
    public String jar(String name, String method, String args, Optional<Duration> timeout) {
      throw new PluginNotFoundException(name, "JAR plugin " + name + " not found");
    }
  };

  /** The plugins of {@code host}. */
  static HostPlugins of(PluginHost host) {
    return new HostPlugins() {
      @Override
      public PluginClient socket(String name) {
        return host.activate(name).client();
      }

      @Override
      public ExecResult exec(String command, String args) {
        // the declarations as they are now, as the CLI reads them for a call in-process
        host.execs().reload();
        return host.exec(command, args);
      }

      @Override
      public String jar(String name, String method, String args,
          Optional<Duration> timeout) {
        // the plugin dirs as they are now (a changed JAR reloaded), as the CLI would load them
        host.reloadJarPlugins(false);
        int slash = name.indexOf('/');
        String type = slash < 0 ? JarMethodCall.typeOf(host, name) : name.substring(0, slash);
        return JarMethodCall.call(host, type, name.substring(slash + 1), method, args,
            timeout.orElse(ClientConfig.DEFAULT.callTimeout()));
      }
    };
  }
}
