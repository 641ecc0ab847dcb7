package dev.hangar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.PluginNotFoundException;
import java.util.Optional;

/**
 * What a command line's NAME designates among managed plugins, as the daemon resolves it
 * (Docker's order: the ID, the normalised name with or without {@code :latest}, a unique ID
 * prefix).
 *
 * <p>A match by ID or name is {@link #exact()} and wins over every other kind of plugin; a match
 * by ID prefix alone (or a prefix several IDs share) gives way to a plugin of another kind with
 * that name, so that a short name is not taken from a socket, JAR or exec plugin by chance.
 */
final class ManagedMatch {
  /** No managed plugin (or no daemon at the default address). */
  static final ManagedMatch NONE = new ManagedMatch(null, null, false, null);

  private final DaemonLink link;
  private final JsonNode plugin;
  private final boolean exact;
  private final HangarException ambiguity;

  private ManagedMatch(DaemonLink link, JsonNode plugin, boolean exact,
      HangarException ambiguity) {
    this.link = link;
    this.plugin = plugin;
    this.exact = exact;
    this.ambiguity = ambiguity;
  }

  /**
   * Asks the daemon which managed plugin {@code ref} names.
   *
   * @throws HangarException DAEMON_UNREACHABLE at an explicit address
   */
  static ManagedMatch find(DaemonLink link, String ref) {
    try {
      return link.ifReachable(c -> c.find(ref)).flatMap(p -> p)
          .map(p -> new ManagedMatch(link, p, exact(ref, p), null)).orElse(NONE);
    } catch (HangarException e) {
      if (e.code() == ErrorCode.INVALID_PLUGIN_NAME) {
        return NONE; // not a managed plugin's name; maybe another kind's
      }
      if (e.code() == ErrorCode.PLUGIN_AMBIGUOUS || e.code() == ErrorCode.USAGE) {
        return new ManagedMatch(link, null, false, e); // a prefix several IDs share
      }
      throw e;
    }
  }

  /** Whether the daemon named any plugin (or an ambiguity). */
  boolean any() {
    return plugin != null || ambiguity != null;
  }

  /** Docker's Plugin object as the daemon sent it, when it named one. */
  Optional<JsonNode> plugin() {
    return Optional.ofNullable(plugin);
  }

  /** Whether NAME is the plugin's ID or name (not an ID prefix). */
  boolean exact() {
    return exact;
  }

  /**
   * The plugin, with its state.
   *
   * @throws HangarException PLUGIN_AMBIGUOUS as the daemon said; PLUGIN_NOT_FOUND for none
   */
  ManagedEntry require(String ref) {
    if (ambiguity != null) {
      throw ambiguity;
    }
    if (plugin == null) {
      throw new PluginNotFoundException(ref, "plugin \"" + ref + "\" not found"
          + (link == null ? "" : " at " + link.address()));
    }
    return ManagedEntry.of(plugin, link.client());
  }

  /**
   * Whether {@code ref} is the plugin's ID or names it as Docker normalises names:
   * {@code docker.io/} and {@code library/} dropped, {@code :latest} implied.
   */
  static boolean exact(String ref, JsonNode plugin) {
    String r = ref.strip();
    if (r.equals(plugin.path("Id").asText(""))) {
      return true;
    }
    for (String registry : new String[] {"docker.io/", "index.docker.io/"}) {
      if (r.startsWith(registry)) {
        r = r.substring(registry.length());
        if (r.startsWith("library/") && r.indexOf('/', "library/".length()) < 0) {
          r = r.substring("library/".length());
        }
      }
    }
    int slash = r.lastIndexOf('/');
    if (r.indexOf(':', slash + 1) < 0 && r.indexOf('@') < 0) {
      r = r + ":latest";
    }
    return r.equals(plugin.path("Name").asText(""));
  }
}
