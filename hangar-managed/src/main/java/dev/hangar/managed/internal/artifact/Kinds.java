package dev.hangar.managed.internal.artifact;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginKind;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;

/** The rule that keeps Hangar's kinds to its artifacts. */
public final class Kinds {
  private Kinds() {}

  /**
   * Refuses a Docker plugin config (a package's, a Docker image's) that declares a type with
   * Hangar's prefix: those kinds come only from Hangar's artifacts.
   *
   * @throws HangarException PACKAGE_INVALID naming {@code where} and the type
   */
  public static PluginConfig requireDocker(PluginConfig c, String where) {
    for (int i = 0; i < c.iface().types().size(); i++) {
      if (c.iface().types().get(i).prefix().equals(PluginKind.TYPE_PREFIX)) {
        throw new HangarException(ErrorCode.PACKAGE_INVALID, where + ": Interface.Types[" + i
            + "]: the prefix \"" + PluginKind.TYPE_PREFIX + "\" is Hangar's own (JAR and exec"
            + " plugins are installed from their artifacts, docs/protocol.md section 16)");
      }
    }
    return c;
  }
}
