package dev.hangar.bench;

import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.WireMethod;

/** The benchmark's plugin interface: one method that echoes its request. */
@PluginInterface("Bench")
public interface Bench {

  /** Returns {@code request} as received. */
  @WireMethod("Bench.Echo")
  Echo echo(Echo request);
}
