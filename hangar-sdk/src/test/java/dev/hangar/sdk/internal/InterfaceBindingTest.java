package dev.hangar.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.WireMethod;
import dev.hangar.sdk.RawHandler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterfaceBindingTest {

  @PluginInterface("Greeter")
  interface Greeter {
    @WireMethod("Greeter.Hello")
    Map<String, String> hello(Map<String, String> request);

    @WireMethod("Greeter.Ping")
    void ping();

    @WireMethod("Greeter.Names")
    List<String> names(List<String> in);

    default String notOnTheWire() {
      return "x";
    }
  }

  interface NotAnnotated {
    @WireMethod("X.Y")
    void y();
  }

  @PluginInterface("Bad")
  interface MissingWireMethod {
    void y();
  }

  @PluginInterface("Bad")
  interface TwoParameters {
    @WireMethod("Bad.Two")
    void two(String a, String b);
  }

  @PluginInterface("Bad")
  interface Repeats {
    @WireMethod("Bad.Same")
    void a();

    @WireMethod("Bad.Same")
    void b();
  }

  @PluginInterface("Bad")
  interface ClaimsActivate {
    @WireMethod("Plugin.Activate")
    void a();
  }

  private static final Greeter GREETER = new Greeter() {
    @Override
    public Map<String, String> hello(Map<String, String> request) {
      return Map.of("Hello", request.getOrDefault("Name", "nobody"));
    }

    @Override
    public void ping() {}

    @Override
    public List<String> names(List<String> in) {
      return in == null ? List.of("none") : in;
    }
  };

  @Test
  void bindsEveryWireMethodAndSkipsDefaultMethods() throws Exception {
    Map<String, RawHandler> e = InterfaceBinding.endpoints(Greeter.class, GREETER);

    assertThat(InterfaceBinding.capability(Greeter.class)).isEqualTo("Greeter");
    assertThat(e).containsOnlyKeys("Greeter.Hello", "Greeter.Ping", "Greeter.Names");
    assertThat(e.get("Greeter.Ping").handle(null)).isNull();
    assertThat(e.get("Greeter.Hello").handle(
        JsonNodeFactory.instance.objectNode().put("Name", "Ann")))
        .isEqualTo(Map.of("Hello", "Ann"));
  }

  @Test
  void absentBodyIsDecodedAsEmptyObjectWhenTheTypeAllowsItElseNull() throws Exception {
    Map<String, RawHandler> e = InterfaceBinding.endpoints(Greeter.class, GREETER);

    assertThat(e.get("Greeter.Hello").handle(null)).isEqualTo(Map.of("Hello", "nobody"));
    assertThat(e.get("Greeter.Names").handle(null)).isEqualTo(List.of("none"));
  }

  @Test
  void bodyOfTheWrongShapeIsABadBody() {
    RawHandler hello = InterfaceBinding.endpoints(Greeter.class, GREETER).get("Greeter.Hello");

    assertThatThrownBy(() -> hello.handle(JsonNodeFactory.instance.arrayNode().add(1)))
        .isInstanceOf(BadBodyException.class).hasMessageStartingWith(
            "bad request body for Greeter.Hello");
  }

  @Test
  void misuseIsRefusedNamingTheProblem() {
    assertThatThrownBy(() -> InterfaceBinding.endpoints(NotAnnotated.class, () -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@PluginInterface");
    assertThatThrownBy(() -> InterfaceBinding.endpoints(MissingWireMethod.class, () -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".y has no @WireMethod");
    assertThatThrownBy(() -> InterfaceBinding.endpoints(TwoParameters.class, (a, b) -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 parameters");
    assertThatThrownBy(() -> InterfaceBinding.capability(String.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an interface");
    Repeats repeats = new Repeats() {
      @Override
      public void a() {}

      @Override
      public void b() {}
    };
    assertThatThrownBy(() -> InterfaceBinding.endpoints(Repeats.class, repeats))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than once");
    assertThatThrownBy(() -> InterfaceBinding.endpoints(ClaimsActivate.class, () -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unusable");
  }
}
