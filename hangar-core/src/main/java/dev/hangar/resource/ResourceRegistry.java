package dev.hangar.resource;

import dev.hangar.api.resource.ResourceClient;
import dev.hangar.internal.resource.FileResourceClient;
import dev.hangar.internal.resource.HttpResourceClient;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.protocol.internal.tls.TlsContexts;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@link ResourceClient}s by URI scheme: the built-in {@code http} and {@code https} (the
 * JDK's HttpClient, with a hand-written HTTP/1.1 GET for plain-http downloads) and {@code file}
 * clients, plus the schemes resource plugins add.
 *
 * <p>Schemes match case-insensitively (RFC 3986). A plugin may take a built-in scheme only when
 * the registry is built with {@code pluginsMayReplaceBuiltins}; otherwise its client is left out
 * and listed in {@link #refused()} with the reason. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ResourceRegistry {
  /** The schemes served without any plugin. */
  public static final Set<String> BUILTIN_SCHEMES = Set.of("file", "http", "https");

  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

  private final Map<String, ResourceClient> clients;
  private final List<RefusedScheme> refused;

  private ResourceRegistry(Map<String, ResourceClient> clients, List<RefusedScheme> refused) {
    this.clients = Collections.unmodifiableMap(clients);
    this.refused = List.copyOf(refused);
  }

  /** The built-in clients only. */
  public static ResourceRegistry builtins() {
    return withBuiltins(Map.of(), false);
  }

  /**
   * The built-in clients plus plugin clients.
   *
   * @param pluginClients scheme to client, e.g. from {@code PluginHost.resourceClients()}
   * @param pluginsMayReplaceBuiltins whether a plugin client may take {@code http}, {@code https}
   *     or {@code file}
   * @return the registry; plugin clients it did not take are in {@link #refused()}
   */
  public static ResourceRegistry withBuiltins(Map<String, ResourceClient> pluginClients,
      boolean pluginsMayReplaceBuiltins) {
    return withBuiltins(pluginClients, pluginsMayReplaceBuiltins, TlsSettings.SYSTEM);
  }

  /**
   * The built-in clients, whose {@code https} requests use {@code tls} (e.g. a private CA in
   * {@link TlsSettings#caFile()} instead of the JDK's trust store), plus plugin clients.
   *
   * @throws HangarException {@link ErrorCode#TLS_INVALID} naming a file of {@code tls} that
   *     cannot be read or used
   * @see #withBuiltins(Map, boolean)
   */
  public static ResourceRegistry withBuiltins(Map<String, ResourceClient> pluginClients,
      boolean pluginsMayReplaceBuiltins, TlsSettings tls) {
    Objects.requireNonNull(pluginClients, "pluginClients");
    Objects.requireNonNull(tls, "tls");
    Map<String, ResourceClient> clients = new TreeMap<>();
    HttpResourceClient http = new HttpResourceClient(
        tls.equals(TlsSettings.SYSTEM) ? null : TlsContexts.client(tls));
    clients.put("http", http);
    clients.put("https", http);
    clients.put("file", new FileResourceClient());
    List<RefusedScheme> refused = new ArrayList<>();
    Set<String> fromPlugins = new java.util.HashSet<>();
    for (Map.Entry<String, ResourceClient> e : new TreeMap<>(pluginClients).entrySet()) {
      String scheme = e.getKey().toLowerCase(Locale.ROOT);
      Objects.requireNonNull(e.getValue(), "client for scheme " + scheme);
      if (!SCHEME.matcher(scheme).matches()) {
        refused.add(new RefusedScheme(scheme, "'" + e.getKey() + "' is not a valid URI scheme "
            + "(a letter, then letters, digits, '+', '-' or '.')"));
      } else if (!fromPlugins.add(scheme)) {
        refused.add(new RefusedScheme(scheme, "scheme '" + scheme
            + "' is served by another plugin already (schemes are case-insensitive)"));
      } else if (BUILTIN_SCHEMES.contains(scheme) && !pluginsMayReplaceBuiltins) {
        refused.add(new RefusedScheme(scheme, "scheme '" + scheme + "' is built in; a plugin "
            + "may replace it only when the host is configured to allow it"));
      } else {
        clients.put(scheme, e.getValue());
      }
    }
    return new ResourceRegistry(clients, refused);
  }

  /** The client for {@code scheme} (any case), when there is one. */
  public Optional<ResourceClient> client(String scheme) {
    return Optional.ofNullable(clients.get(scheme.toLowerCase(Locale.ROOT)));
  }

  /**
   * The client for the URI's scheme.
   *
   * @throws HangarException {@link ErrorCode#UNKNOWN_SCHEME} naming the known schemes, or
   *     {@link ErrorCode#USAGE} when the URI has no scheme
   */
  public ResourceClient require(URI uri) {
    if (uri.getScheme() == null) {
      throw new HangarException(ErrorCode.USAGE, "URL " + uri + " has no scheme (such as "
          + "https:// or file://)");
    }
    return client(uri.getScheme()).orElseThrow(() -> new HangarException(
        ErrorCode.UNKNOWN_SCHEME, "no resource client for scheme '" + uri.getScheme() + "' of "
            + uri + "; known schemes: " + String.join(", ", schemes())));
  }

  /** Every scheme served, lower-case, sorted. */
  public Set<String> schemes() {
    return clients.keySet();
  }

  /** Plugin clients that were not taken, with the reasons. */
  public List<RefusedScheme> refused() {
    return refused;
  }
}
