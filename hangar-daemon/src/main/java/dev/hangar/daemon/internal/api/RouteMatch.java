package dev.hangar.daemon.internal.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The route a request goes to, with the parts of its path.
 *
 * <p>Matching follows dockerd's router: plugin names are {@code .*} in the route patterns, so
 * they keep their slashes and colons unescaped ({@code /plugins/127.0.0.1:5000/team/vol:1.0/json}
 * names {@code 127.0.0.1:5000/team/vol:1.0}), and the routes are tried in dockerd's order: a
 * {@code POST /plugins/create/enable} enables a plugin named {@code create}.
 *
 * @param route the route
 * @param name the plugin reference in the path, empty for routes without one
 * @param method the wire method of {@link Route#HANGAR_CALL}, else empty
 */
record RouteMatch(Route route, String name, String method) {
  private static final String PLUGINS = "/plugins";
  private static final String HANGAR_PLUGINS = "/hangar/v1/plugins/";

  RouteMatch {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
  }

  /**
   * The route of {@code httpMethod} on {@code path} (without a version prefix), if any.
   *
   * @param versioned whether the path came under a {@code /vX.Y} prefix: Hangar's own routes
   *     are not served there
   */
  static Optional<RouteMatch> of(String httpMethod, String path, boolean versioned) {
    Optional<RouteMatch> m = switch (httpMethod) {
      case "OPTIONS" -> Optional.of(new RouteMatch(Route.OPTIONS, "", ""));
      case "HEAD" -> first(HEADS, path);
      case "GET" -> first(GETS, path).or(() -> hangarGet(path));
      case "POST" -> first(POSTS, path).or(() -> hangarCall(path));
      case "DELETE" -> remove(path);
      default -> Optional.empty();
    };
    return m.filter(r -> !versioned || r.route().docker());
  }

  /** A path pattern: exact, or {@code /plugins/<name><suffix>} with a non-empty name. */
  private record Pattern(Route route, String exact, String suffix) {
    Optional<RouteMatch> match(String path) {
      if (exact != null) {
        return path.equals(exact) ? Optional.of(new RouteMatch(route, "", ""))
            : Optional.empty();
      }
      return nameBetween(path, PLUGINS + "/", suffix).map(n -> new RouteMatch(route, n, ""));
    }
  }

  private static Pattern exact(Route r, String path) {
    return new Pattern(r, path, null);
  }

  private static Pattern named(Route r, String suffix) {
    return new Pattern(r, null, suffix);
  }

  // dockerd's registration order within each method: the first match wins.
  private static final List<Pattern> HEADS = List.of(exact(Route.PING, "/_ping"));
  private static final List<Pattern> GETS = List.of(
      exact(Route.PING, "/_ping"),
      exact(Route.EVENTS, "/events"),
      exact(Route.INFO, "/info"),
      exact(Route.VERSION, "/version"),
      exact(Route.PLUGIN_LIST, PLUGINS),
      named(Route.PLUGIN_INSPECT, "/json"),
      exact(Route.PLUGIN_PRIVILEGES, PLUGINS + "/privileges"));
  private static final List<Pattern> POSTS = List.of(
      named(Route.PLUGIN_ENABLE, "/enable"),
      named(Route.PLUGIN_DISABLE, "/disable"),
      exact(Route.PLUGIN_PULL, PLUGINS + "/pull"),
      named(Route.PLUGIN_PUSH, "/push"),
      named(Route.PLUGIN_UPGRADE, "/upgrade"),
      named(Route.PLUGIN_SET, "/set"),
      exact(Route.PLUGIN_CREATE, PLUGINS + "/create"));
  private static Optional<RouteMatch> first(List<Pattern> patterns, String path) {
    for (Pattern p : patterns) {
      Optional<RouteMatch> m = p.match(path);
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }

  /** {@code DELETE /plugins/{name:.*}}: the name may even be empty, as in dockerd. */
  private static Optional<RouteMatch> remove(String path) {
    return path.startsWith(PLUGINS + "/")
        ? Optional.of(new RouteMatch(Route.PLUGIN_REMOVE, path.substring(PLUGINS.length() + 1),
            ""))
        : Optional.empty();
  }

  private static Optional<String> nameBetween(String path, String prefix, String suffix) {
    if (path.startsWith(prefix) && path.endsWith(suffix)
        && path.length() > prefix.length() + suffix.length()) {
      return Optional.of(path.substring(prefix.length(), path.length() - suffix.length()));
    }
    return Optional.empty();
  }

  /** Hangar's {@code GET}s: the list, then a plugin's {@code /logs} or {@code /privileges}. */
  private static Optional<RouteMatch> hangarGet(String path) {
    if (path.equals(HANGAR_PLUGINS.substring(0, HANGAR_PLUGINS.length() - 1))) {
      return Optional.of(new RouteMatch(Route.HANGAR_LIST, "", ""));
    }
    if (path.equals("/metrics")) {
      return Optional.of(new RouteMatch(Route.HANGAR_METRICS, "", ""));
    }
    if (path.equals("/hangar/v1/remote")) {
      return Optional.of(new RouteMatch(Route.HANGAR_REMOTE, "", ""));
    }
    return nameBetween(path, HANGAR_PLUGINS, "/logs")
        .map(n -> new RouteMatch(Route.HANGAR_LOGS, n, ""))
        .or(() -> nameBetween(path, HANGAR_PLUGINS, "/privileges")
            .map(n -> new RouteMatch(Route.HANGAR_PRIVILEGES, n, "")));
  }

  /** {@code /hangar/v1/plugins/<name>/call/<Method>}: the last {@code /call/} splits. */
  private static Optional<RouteMatch> hangarCall(String path) {
    if (!path.startsWith(HANGAR_PLUGINS)) {
      return Optional.empty();
    }
    String rest = path.substring(HANGAR_PLUGINS.length());
    int at = rest.lastIndexOf("/call/");
    if (at <= 0) {
      return Optional.empty();
    }
    String method = rest.substring(at + "/call/".length());
    if (method.isEmpty() || method.indexOf('/') >= 0) {
      return Optional.empty();
    }
    return Optional.of(new RouteMatch(Route.HANGAR_CALL, rest.substring(0, at), method));
  }
}
