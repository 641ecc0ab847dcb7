package dev.hangar.tests;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.WireMethod;

/** The soak run's SDK plugin interface: one method that echoes its request. */
@PluginInterface("Soak")
public interface SoakEcho {

  /** Returns {@code request} as received. */
  @WireMethod("Soak.Echo")
  Ping echo(Ping request);

  /**
   * The request and reply.
   *
   * @param caller the calling thread's index
   * @param seq the call's sequence number, checked on the reply
   */
  record Ping(@JsonProperty("Caller") int caller, @JsonProperty("Seq") long seq) {}
}
