package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandlerTest {
  private final HostFixture fx = new HostFixture();
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    fx.close();
  }

  @Test
  void aHandlerRegisteredBeforeActivationRunsOnceWhenThePluginActivates() {
    fx.plugin("vol", "VolumeDriver");
    PluginHost host = fx.host();
    host.handle("VolumeDriver", p -> calls.add(p.name()));
    assertThat(calls).isEmpty();
    host.get("vol", "VolumeDriver");
    host.get("vol", "VolumeDriver");
    assertThat(calls).containsExactly("vol");
  }

  @Test
  void aHandlerRegisteredAfterActivationRunsAtOnceForActivePlugins() {
    fx.plugin("a", "VolumeDriver");
    fx.plugin("b", "VolumeDriver");
    fx.plugin("c", "authz");
    PluginHost host = fx.host();
    host.get("a", "VolumeDriver");
    host.get("c", "authz");
    host.handle("VolumeDriver", p -> calls.add(p.name()));
    assertThat(calls).containsExactly("a");
    host.get("b", "VolumeDriver");
    host.get("a", "VolumeDriver");
    assertThat(calls).containsExactly("a", "b");
  }

  @Test
  void handlersOnlySeePluginsWithTheirCapability() {
    fx.plugin("c", "authz");
    PluginHost host = fx.host();
    host.handle("VolumeDriver", p -> calls.add("vol " + p.name()));
    host.handle("authz", p -> calls.add("authz " + p.name()));
    host.get("c", "authz");
    assertThat(calls).containsExactly("authz c");
  }

  @Test
  void aClosedRegistrationIsNotCalledAgain() {
    UnixPluginServer first = fx.plugin("vol", "VolumeDriver");
    PluginHost host = fx.host();
    HandlerRegistration r = host.handle("VolumeDriver", p -> calls.add(p.name()));
    assertThat(r.capability()).isEqualTo("VolumeDriver");
    SocketPlugin vol = host.get("vol", "VolumeDriver");
    r.close();
    r.close();
    first.close();
    assertThatThrownBy(() -> vol.client().call("VolumeDriver.List", null, Object.class))
        .isInstanceOf(RuntimeException.class);
    fx.plugin("vol", "VolumeDriver");
    host.get("vol", "VolumeDriver");
    assertThat(calls).containsExactly("vol");
  }

  @Test
  void getAllAndListActivationsRunHandlersToo() {
    fx.plugin("a", "VolumeDriver");
    fx.plugin("b", "VolumeDriver");
    PluginHost host = fx.host();
    host.handle("VolumeDriver", p -> calls.add(p.name()));
    host.getAll("VolumeDriver");
    host.list();
    assertThat(calls).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aThrowingHandlerDoesNotStopTheOthersAndItsErrorReachesTheCaller() {
    fx.plugin("vol", "VolumeDriver");
    PluginHost host = fx.host();
    host.handle("VolumeDriver", p -> {
      throw new IllegalStateException("handler broke");
    });
    host.handle("VolumeDriver", p -> calls.add(p.name()));
    assertThatThrownBy(() -> host.get("vol", "VolumeDriver")).hasMessage("handler broke");
    assertThat(calls).containsExactly("vol");
    assertThat(host.get("vol", "VolumeDriver").state()).isEqualTo(PluginState.ACTIVE);
  }
}
