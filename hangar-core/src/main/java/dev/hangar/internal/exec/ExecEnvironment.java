package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of an exec plugin's process: {@code PATH}, {@code HOME} and {@code LANG} from
 * the host (those that are set), then the domain's {@code env} table, which overrides them.
 * Nothing else of the host's environment passes through: a plugin sees neither the host's
 * secrets nor anything that makes its behaviour depend on who started the host.
 */
final class ExecEnvironment {
  /** The host variables passed through. */
  static final List<String> PASSED = List.of("PATH", "HOME", "LANG");

  private final Map<String, String> base;

  /** From the host's environment, read once. */
  ExecEnvironment() {
    this(System.getenv());
  }

  /** From the given host environment. */
  ExecEnvironment(Map<String, String> host) {
    Map<String, String> b = new HashMap<>();
    for (String name : PASSED) {
      String value = host.get(name);
      if (value != null) {
        b.put(name, value);
      }
    }
    this.base = Map.copyOf(b);
  }

  /** Replaces {@code target}'s content by the environment of {@code d}'s processes. */
  void apply(ExecDomain d, Map<String, String> target) {
    target.clear();
    target.putAll(base);
    target.putAll(d.env());
  }
}
