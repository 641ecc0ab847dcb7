package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import dev.hangar.observe.HostObserver;
import dev.hangar.observe.PluginEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a scan of the exec declarations changed, told to the host's observer. */
final class ExecEvents {
  private ExecEvents() {}

  /**
   * Tells {@code o} of the domains {@code after} has and {@code before} had not (found), of
   * those gone (unloaded) and of each refusal not already in {@code before} (refused).
   *
   * @param before the previous scan, or null for the first
   */
  static void announce(HostObserver o, ExecScan before, ExecScan after) {
    if (o == HostObserver.NONE) {
      return;
    }
    Set<String> had = names(before == null ? List.of() : before.domains());
    Set<String> has = names(after.domains());
    for (ExecDomain d : after.domains()) {
      if (!had.contains(d.name())) {
        o.event(PluginEvent.now(PluginEvent.EXEC, PluginEvent.FOUND, d.name(),
            Map.of("file", d.path().toString())));
      }
    }
    for (String gone : had) {
      if (!has.contains(gone)) {
        o.event(PluginEvent.now(PluginEvent.EXEC, PluginEvent.UNLOADED, gone, Map.of()));
      }
    }
    Set<ExecDeclarationError> known = before == null ? Set.of() : new HashSet<>(before.errors());
    for (ExecDeclarationError e : after.errors()) {
      if (!known.contains(e)) {
        o.event(PluginEvent.now(PluginEvent.EXEC, PluginEvent.REFUSED,
            e.domain().orElse(e.file().toString()), Map.of("file", e.file().toString(),
                "reason", e.toString())));
      }
    }
  }

  private static Set<String> names(List<ExecDomain> domains) {
    Set<String> out = new HashSet<>();
    domains.forEach(d -> out.add(d.name()));
    return out;
  }
}
