package dev.hangar.internal.exec;

import dev.hangar.ExecReload;
import dev.hangar.PluginInfo;
import dev.hangar.PluginState;
import dev.hangar.exec.ExecDomain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What changed between two scans of the exec declarations, for a watch listener. */
final class ExecReloads {
  private ExecReloads() {}

  /** The difference from {@code before} to {@code after}. */
  static ExecReload between(ExecScan before, ExecScan after) {
    Map<String, ExecDomain> was = byName(before.domains());
    Map<String, ExecDomain> now = byName(after.domains());
    List<ExecDomain> added = new ArrayList<>();
    List<ExecDomain> changed = new ArrayList<>();
    now.forEach((name, d) -> {
      ExecDomain old = was.get(name);
      if (old == null) {
        added.add(d);
      } else if (!old.equals(d)) {
        changed.add(d);
      }
    });
    List<ExecDomain> removed = was.values().stream()
        .filter(d -> !now.containsKey(d.name())).toList();
    List<PluginInfo> infos = ExecRegistry.infos(after);
    List<PluginInfo> wasRefused = refusals(ExecRegistry.infos(before));
    List<PluginInfo> nowRefused = refusals(infos);
    Set<Refusal> known = new HashSet<>();
    wasRefused.forEach(p -> known.add(Refusal.of(p)));
    Set<Refusal> current = new HashSet<>();
    nowRefused.forEach(p -> current.add(Refusal.of(p)));
    List<PluginInfo> refused = nowRefused.stream().filter(p -> !known.contains(Refusal.of(p)))
        .toList();
    List<PluginInfo> resolved = wasRefused.stream()
        .filter(p -> !current.contains(Refusal.of(p))).toList();
    return new ExecReload(added, changed, removed, refused, resolved, infos);
  }

  private static List<PluginInfo> refusals(List<PluginInfo> infos) {
    return infos.stream().filter(p -> p.state() == PluginState.FAILED).toList();
  }

  private static Map<String, ExecDomain> byName(List<ExecDomain> domains) {
    Map<String, ExecDomain> m = new LinkedHashMap<>();
    domains.forEach(d -> m.put(d.name(), d));
    return m;
  }

  /** A refusal as a watcher tells it apart: what, where and why. */
  private record Refusal(String name, Path source, String error) {
    static Refusal of(PluginInfo p) {
      return new Refusal(p.name(), p.source(), p.errorText().orElse(""));
    }
  }
}
