package dev.hangar.daemon.internal.api;

import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.PluginType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of {@code GET /plugins}, as moby's {@code List}: {@code enabled} keeps the enabled
 * (or the disabled) plugins; {@code capability} (regexps) drops a plugin as soon as one of its
 * types' capabilities matches none of them.
 *
 * @param enabled the wanted {@code Enabled}, when filtered on
 * @param filters the filters, for {@code capability}
 */
record ListFilter(Optional<Boolean> enabled, Filters filters) {
  /** The keys accepted (moby's {@code acceptedPluginFilterTags}; not swagger's "enable"). */
  static final Set<String> KEYS = Set.of("enabled", "capability");

  /**
   * Checks {@code f} before anything is listed.
   *
   * @throws dev.hangar.protocol.HangarException USAGE {@code invalid filter '<key>'} for another
   *     key, or moby's message for a bad {@code enabled} value
   */
  static ListFilter of(Filters f) {
    f.validate(KEYS);
    return new ListFilter(f.contains("enabled") ? Optional.of(f.bool("enabled", false))
        : Optional.empty(), f);
  }

  /** The plugins of {@code all} that pass, in order. */
  List<ManagedPlugin> apply(List<ManagedPlugin> all) {
    return all.stream().filter(this::keeps).toList();
  }

  boolean keeps(ManagedPlugin p) {
    if (enabled.isPresent() && p.enabled() != enabled.get()) {
      return false;
    }
    return !filters.contains("capability") || p.config().iface().types().stream()
        .map(PluginType::capability).allMatch(c -> filters.match("capability", c));
  }
}
