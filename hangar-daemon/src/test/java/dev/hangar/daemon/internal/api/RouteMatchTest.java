package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteMatchTest {

  private static Optional<RouteMatch> route(String method, String path) {
    VersionedPath vp = VersionedPath.of(path);
    return RouteMatch.of(method, vp.path(), vp.version().isPresent());
  }

  @Test
  void namesKeepSlashesColonsAndTags() {
    assertThat(route("GET", "/v1.41/plugins/127.0.0.1:5000/team/vol:1.0/json"))
        .contains(new RouteMatch(Route.PLUGIN_INSPECT, "127.0.0.1:5000/team/vol:1.0", ""));
    assertThat(route("POST", "/plugins/vieux/sshfs:latest/enable"))
        .contains(new RouteMatch(Route.PLUGIN_ENABLE, "vieux/sshfs:latest", ""));
    assertThat(route("DELETE", "/v1.24/plugins/a/b/c:d"))
        .contains(new RouteMatch(Route.PLUGIN_REMOVE, "a/b/c:d", ""));
  }

  @Test
  void everySuffixRouteSplitsOffOnlyTheLastSuffix() {
    assertThat(route("GET", "/plugins/a/json/json"))
        .contains(new RouteMatch(Route.PLUGIN_INSPECT, "a/json", ""));
    assertThat(route("POST", "/plugins/x/disable")).map(RouteMatch::route)
        .contains(Route.PLUGIN_DISABLE);
    assertThat(route("POST", "/plugins/x/set")).map(RouteMatch::route)
        .contains(Route.PLUGIN_SET);
    assertThat(route("POST", "/plugins/x/push")).map(RouteMatch::route)
        .contains(Route.PLUGIN_PUSH);
    assertThat(route("POST", "/plugins/x/upgrade")).map(RouteMatch::route)
        .contains(Route.PLUGIN_UPGRADE);
  }

  @Test
  void routesAreTriedInDockerdsOrder() {
    assertThat(route("POST", "/plugins/create")).map(RouteMatch::route)
        .contains(Route.PLUGIN_CREATE);
    assertThat(route("POST", "/plugins/pull")).map(RouteMatch::route)
        .contains(Route.PLUGIN_PULL);
    assertThat(route("POST", "/plugins/create/enable"))
        .contains(new RouteMatch(Route.PLUGIN_ENABLE, "create", ""));
    assertThat(route("GET", "/plugins/privileges")).map(RouteMatch::route)
        .contains(Route.PLUGIN_PRIVILEGES);
    assertThat(route("GET", "/plugins/privileges/json"))
        .contains(new RouteMatch(Route.PLUGIN_INSPECT, "privileges", ""));
    assertThat(route("GET", "/v1.41/plugins")).map(RouteMatch::route)
        .contains(Route.PLUGIN_LIST);
  }

  @Test
  void systemRoutesAnswerTheirMethodsOnly() {
    assertThat(route("HEAD", "/_ping")).map(RouteMatch::route).contains(Route.PING);
    assertThat(route("GET", "/v1.41/_ping")).map(RouteMatch::route).contains(Route.PING);
    assertThat(route("GET", "/version")).map(RouteMatch::route).contains(Route.VERSION);
    assertThat(route("GET", "/v1.41/info")).map(RouteMatch::route).contains(Route.INFO);
    assertThat(route("GET", "/events")).map(RouteMatch::route).contains(Route.EVENTS);
    assertThat(route("POST", "/_ping")).isEmpty();
    assertThat(route("HEAD", "/version")).isEmpty();
    assertThat(route("PUT", "/plugins")).isEmpty();
    assertThat(route("OPTIONS", "/anything/at/all")).map(RouteMatch::route)
        .contains(Route.OPTIONS);
  }

  @Test
  void pathsWithoutANameDoNotMatch() {
    assertThat(route("GET", "/plugins//json")).isEmpty();
    assertThat(route("GET", "/plugins/json")).isEmpty();
    assertThat(route("POST", "/plugins/enable")).isEmpty();
    assertThat(route("GET", "/plugins/x")).isEmpty();
    assertThat(route("GET", "/nope")).isEmpty();
  }

  @Test
  void hangarRoutesSplitAtTheLastCall() {
    assertThat(route("GET", "/hangar/v1/plugins/team/vol:1.0/logs"))
        .contains(new RouteMatch(Route.HANGAR_LOGS, "team/vol:1.0", ""));
    assertThat(route("POST", "/hangar/v1/plugins/team/call/x:latest/call/VolumeDriver.List"))
        .contains(new RouteMatch(Route.HANGAR_CALL, "team/call/x:latest", "VolumeDriver.List"));
    assertThat(route("POST", "/hangar/v1/plugins/x/call/")).isEmpty();
    assertThat(route("POST", "/hangar/v1/plugins/call/M")).isEmpty();
    assertThat(route("GET", "/hangar/v1/plugins/x/call/M")).isEmpty();
  }

  @Test
  void hangarListAndPrivilegesHaveRoutesOfTheirOwn() {
    assertThat(route("GET", "/hangar/v1/plugins")).map(RouteMatch::route)
        .contains(Route.HANGAR_LIST);
    assertThat(route("GET", "/hangar/v1/plugins/vieux/sshfs:latest/privileges"))
        .contains(new RouteMatch(Route.HANGAR_PRIVILEGES, "vieux/sshfs:latest", ""));
    assertThat(route("GET", "/hangar/v1/plugins/a/privileges/logs"))
        .contains(new RouteMatch(Route.HANGAR_LOGS, "a/privileges", ""));
    assertThat(route("GET", "/hangar/v1/plugins/")).isEmpty();
  }

  @Test
  void hangarRoutesAreNotServedUnderADockerVersionPrefix() {
    assertThat(route("GET", "/v1.41/hangar/v1/plugins/x/logs")).isEmpty();
    assertThat(route("GET", "/v1.41/hangar/v1/plugins")).isEmpty();
    assertThat(route("POST", "/v1.41/hangar/v1/plugins/x/call/M")).isEmpty();
  }
}
