package dev.hangar.managed;

import java.util.Objects;

/**
 * One {@code Interface.Types} entry, {@code <prefix>.<capability>/<version>} on the wire (e.g.
 * {@code docker.volumedriver/1.0}): the prefix is everything before the last {@code .} of the
 * part before the first {@code /}, as moby's {@code CapabilityID} reads it.
 *
 * @param prefix e.g. {@code docker}
 * @param capability e.g. {@code volumedriver}
 * @param version e.g. {@code 1.0}
 * @since 0.2
 */
public record PluginType(String prefix, String capability, String version) {
  public PluginType {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(version, "version");
  }

  /**
   * Parses a type string; every part must be non-empty (stricter than moby, which accepts
   * anything; see {@code docs/protocol.md}).
   *
   * @throws IllegalArgumentException naming what is wrong with {@code s}
   */
  public static PluginType parse(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("\"" + s + "\" has no /<version>");
    }
    String head = s.substring(0, slash);
    String version = s.substring(slash + 1);
    int dot = head.lastIndexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("\"" + s + "\" has no <prefix>. before the capability");
    }
    String prefix = head.substring(0, dot);
    String capability = head.substring(dot + 1);
    if (prefix.isEmpty() || capability.isEmpty() || version.isEmpty()) {
      throw new IllegalArgumentException("\"" + s
          + "\" is not <prefix>.<capability>/<version> with every part non-empty");
    }
    return new PluginType(prefix, capability, version);
  }

  /** The wire form, {@code <prefix>.<capability>/<version>}. */
  @Override
  public String toString() {
    return prefix + "." + capability + "/" + version;
  }
}
