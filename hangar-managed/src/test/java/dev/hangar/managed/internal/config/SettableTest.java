package dev.hangar.managed.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code set}'s rules and messages. While writing it, {@link Settable} was also run side by side
 * with moby's {@code Plugin.Set} (built locally on Debian's moby types) on 50,000 seeded random
 * argument lists: the same messages, and on success the same env, args, sources and paths.
 */
class SettableTest {
  private static final PluginConfig CONFIG = ConfigJson.parse("""
      {"Entrypoint": ["/p"], "Interface": {"Socket": "p.sock"},
       "Env": [{"Name": "DEBUG", "Settable": ["value"], "Value": "0"},
               {"Name": "TOKEN", "Settable": ["value"]},
               {"Name": "FIXED", "Value": "1"}],
       "Mounts": [{"Name": "state", "Settable": ["source"], "Source": "/var/lib/x",
                   "Destination": "/state"},
                  {"Name": "nosrc", "Settable": ["source"], "Destination": "/n"},
                  {"Name": "fixed", "Source": "/f", "Destination": "/f"},
                  {"Name": "dup", "Settable": ["source"], "Source": "/d1", "Destination": "/d1"},
                  {"Name": "dup", "Settable": ["source"], "Source": "/d2", "Destination": "/d2"}],
       "Linux": {"Devices": [{"Name": "fuse", "Settable": ["path"], "Path": "/dev/fuse"},
                             {"Name": "nopath", "Settable": ["path"]},
                             {"Name": "fixeddev", "Path": "/dev/x"}]},
       "Args": {"Name": "args", "Settable": ["value"], "Value": ["a"]}}"""
      .getBytes(StandardCharsets.UTF_8), "config.json");

  private static SetResult set(String... args) {
    return Settable.apply(CONFIG, PluginSettings.initial(CONFIG), List.of(args));
  }

  private static List<Optional<String>> sources(List<PluginConfig.Mount> ms) {
    return ms.stream().map(PluginConfig.Mount::source).toList();
  }

  private static List<Optional<String>> paths(List<PluginConfig.Device> ds) {
    return ds.stream().map(PluginConfig.Device::path).toList();
  }

  @Test
  void envIsReplacedInPlaceOrAppended() {
    assertThat(PluginSettings.initial(CONFIG).env()).containsExactly("DEBUG=0", "FIXED=1");
    assertThat(set("DEBUG=1").settings().env()).containsExactly("DEBUG=1", "FIXED=1");
    assertThat(set("DEBUG.value=2").settings().env()).containsExactly("DEBUG=2", "FIXED=1");
    assertThat(set("DEBUG.=3").settings().env()).containsExactly("DEBUG=3", "FIXED=1");
    assertThat(set("DEBUG").settings().env()).containsExactly("DEBUG=", "FIXED=1");
    assertThat(set("DEBUG=a=b.c").settings().env()).containsExactly("DEBUG=a=b.c", "FIXED=1");
    assertThat(set("TOKEN=t", "DEBUG=1", "TOKEN=u").settings().env())
        .containsExactly("DEBUG=1", "FIXED=1", "TOKEN=u");
    assertThat(set("DEBUG=1").config()).isEqualTo(CONFIG);
  }

  @Test
  void envWithoutEqualsInSettingsIsMatchedByItsWholeText() {
    PluginSettings s = new PluginSettings(null, List.of("DEBUG", "X=1"), null, null);
    assertThat(Settable.apply(CONFIG, s, List.of("DEBUG=1")).settings().env())
        .containsExactly("DEBUG=1", "X=1");
  }

  @Test
  void argsAreTheValueSplitOnSpaces() {
    assertThat(PluginSettings.initial(CONFIG).args()).containsExactly("a");
    assertThat(set("args=x y  z ").settings().args()).containsExactly("x", "y", "", "z", "");
    assertThat(set("args=").settings().args()).containsExactly("");
    assertThat(set("args.value=b").settings().args()).containsExactly("b");
    assertThat(set("args=b").config()).isEqualTo(CONFIG);
  }

  @Test
  void aMountSourceIsWrittenToConfigAndSettings() {
    SetResult r = set("state=/new", "dup.source=/z");
    List<Optional<String>> expected = List.of(Optional.of("/new"), Optional.empty(),
        Optional.of("/f"), Optional.of("/z"), Optional.of("/d2"));
    assertThat(sources(r.config().mounts())).isEqualTo(expected);
    assertThat(sources(r.settings().mounts())).isEqualTo(expected);
    assertThat(r.settings().env()).isEqualTo(PluginSettings.initial(CONFIG).env());
  }

  @Test
  void aDevicePathIsWrittenToConfigAndSettings() {
    SetResult r = set("fuse=/dev/other");
    List<Optional<String>> expected =
        List.of(Optional.of("/dev/other"), Optional.empty(), Optional.of("/dev/x"));
    assertThat(paths(r.config().linux().devices())).isEqualTo(expected);
    assertThat(paths(r.settings().devices())).isEqualTo(expected);
  }

  @Test
  void settingsItemsAreFoundByNameWhenTheyAreNotAtTheConfigsIndex() {
    List<PluginConfig.Mount> reversed = new ArrayList<>(CONFIG.mounts());
    Collections.reverse(reversed);
    PluginSettings s = new PluginSettings(reversed.subList(2, 5), null, null, List.of());
    SetResult r = Settable.apply(CONFIG, s, List.of("state=/new", "fuse=/dev/y"));
    assertThat(sources(r.settings().mounts()))
        .containsExactly(Optional.of("/f"), Optional.empty(), Optional.of("/new"));
    assertThat(r.settings().devices()).isEmpty();
    assertThat(paths(r.config().linux().devices())).first().isEqualTo(Optional.of("/dev/y"));
  }

  @Test
  void envNamesComeBeforeMountNamesThenDevicesThenArgs() {
    PluginConfig c = new PluginConfig("", "", CONFIG.iface(), CONFIG.entrypoint(), "", null,
        null,
        List.of(new PluginConfig.Mount("x", "", List.of("source"), Optional.of("/m"), "/m", "",
            List.of())),
        List.of(new PluginConfig.Env("x", "", List.of("value"), Optional.empty())),
        new PluginConfig.Args("y", "", List.of("value"), List.of()),
        new PluginConfig.Linux(List.of(), false, List.of(new PluginConfig.Device("y", "",
            List.of("path"), Optional.of("/dev/y")))),
        "", false, false, Optional.empty());
    SetResult r = Settable.apply(c, PluginSettings.initial(c), List.of("x=1", "y=/dev/z"));
    assertThat(r.settings().env()).containsExactly("x=1");
    assertThat(r.config().mounts().get(0).source()).contains("/m");
    assertThat(r.config().linux().devices().get(0).path()).contains("/dev/z");
    assertThat(r.settings().args()).isEmpty();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(List.of("=x"), "invalid format, must be <name>[.<field>][=<value>]"),
        Arguments.of(List.of("DEBUG=1", "="), "invalid format, must be <name>[.<field>][=<value>]"),
        Arguments.of(List.of("nope=1"), "setting \"nope\" not found in the plugin configuration"),
        Arguments.of(List.of("DEBUG=1", "nope"),
            "setting \"nope\" not found in the plugin configuration"),
        Arguments.of(List.of("a.b.c=1"), "setting \"a.b\" not found in the plugin configuration"),
        Arguments.of(List.of(".DEBUG=1"),
            "setting \".DEBUG\" not found in the plugin configuration"),
        Arguments.of(List.of("debug=1"), "setting \"debug\" not found in the plugin configuration"),
        Arguments.of(List.of(""), "setting \"\" not found in the plugin configuration"),
        Arguments.of(List.of("a\"b\n=1"),
            "setting \"a\\\"b\\n\" not found in the plugin configuration"),
        Arguments.of(List.of("FIXED=2"), "\"FIXED\" is not settable"),
        Arguments.of(List.of("FIXED.value=2"), "\"FIXED.value\" is not settable"),
        Arguments.of(List.of("DEBUG.source=x"), "\"DEBUG.source\" is not settable"),
        Arguments.of(List.of("state.value=/x"), "\"state.value\" is not settable"),
        Arguments.of(List.of("fixed=/x"), "\"fixed\" is not settable"),
        Arguments.of(List.of("fixeddev=/x"), "\"fixeddev\" is not settable"),
        Arguments.of(List.of("fuse.source=/x"), "\"fuse.source\" is not settable"),
        Arguments.of(List.of("args.path=x"), "\"args.path\" is not settable"),
        Arguments.of(List.of("nosrc=/x"), "plugin config has no mount source"),
        Arguments.of(List.of("nopath=/x"), "plugin config has no device path"));
  }

  @ParameterizedTest
  @MethodSource
  void refusals(List<String> args, String message) {
    assertThatThrownBy(() -> Settable.apply(CONFIG, PluginSettings.initial(CONFIG), args))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SETTING_INVALID))
        .hasMessage(message);
  }

  @Test
  void theDefaultedFieldIsNamedWhenItIsNotAllowed() {
    PluginConfig c = new PluginConfig("", "", CONFIG.iface(), CONFIG.entrypoint(), "", null,
        null, List.of(),
        List.of(new PluginConfig.Env("E", "", List.of("source"), Optional.empty()),
            new PluginConfig.Env("M", "", List.of("value", "source"), Optional.empty()),
            new PluginConfig.Env("N", "", List.of(), Optional.empty())),
        null, null, "", false, false, Optional.empty());
    PluginSettings s = PluginSettings.initial(c);
    assertThatThrownBy(() -> Settable.apply(c, s, List.of("E=1")))
        .hasMessage("\"E.source\" is not settable");
    assertThatThrownBy(() -> Settable.apply(c, s, List.of("M=1")))
        .hasMessage("multiple fields are settable, one must be specified");
    assertThat(Settable.apply(c, s, List.of("M.value=1")).settings().env())
        .containsExactly("M=1");
    assertThatThrownBy(() -> Settable.apply(c, s, List.of("N=1")))
        .hasMessage("\"N\" is not settable");
  }

  @Test
  void anUnnamedItemMatchesTheEmptyName() {
    PluginConfig c =
        ConfigJson.parse(ConfigJsonTest.resource("sample-volume-plugin.json"), "config.json");
    assertThatThrownBy(() -> Settable.apply(c, PluginSettings.initial(c), List.of("")))
        .hasMessage("\"\" is not settable");
  }

  @Test
  void randomArgumentsOnlyEverFailWithSettingInvalidAndKeepConfigAndSettingsAgreeing() {
    String[] parts = {"DEBUG", "TOKEN", "FIXED", "state", "nosrc", "fixed", "dup", "fuse",
        "nopath", "fixeddev", "args", "value", "source", "path", "=", ".", " ", "", "x", "é",
        "\u0000", "\uD800", "😀", "==", ".."};
    Random random = new Random(20260801L);
    int ok = 0;
    for (int round = 0; round < 10_000; round++) {
      List<String> args = new ArrayList<>();
      for (int n = random.nextInt(4); n >= 0; n--) {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(5); k >= 0; k--) {
          b.append(parts[random.nextInt(parts.length)]);
        }
        args.add(b.toString());
      }
      try {
        SetResult r = set(args.toArray(String[]::new));
        ok++;
        assertThat(sources(r.settings().mounts())).as("%s", args)
            .isEqualTo(sources(r.config().mounts()));
        assertThat(paths(r.settings().devices())).as("%s", args)
            .isEqualTo(paths(r.config().linux().devices()));
        assertThat(r.config().env()).isEqualTo(CONFIG.env());
      } catch (HangarException e) {
        assertThat(e.code()).as("%s", args).isEqualTo(ErrorCode.SETTING_INVALID);
      }
    }
    assertThat(ok).as("some random arguments are accepted").isGreaterThan(50);
  }
}
