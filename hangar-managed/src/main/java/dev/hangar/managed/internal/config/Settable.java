package dev.hangar.managed.internal.config;

import dev.hangar.managed.PluginConfig;
import dev.hangar.managed.PluginSettings;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code docker plugin set}: Docker's grammar, rules and messages (moby's
 * {@code v2/settable.go} and {@code Plugin.Set}). The check that the plugin is disabled is the
 * caller's.
 */
public final class Settable {
  private Settable() {}

  /**
   * Applies {@code set} arguments, each {@code <name>[.<field>][=<value>]}, in order. A name is
   * looked up among the config's {@code Env} names, then {@code Mounts} names, then
   * {@code Linux.Devices} names, then {@code Args.Name} (the first match wins). Without a field,
   * the item's only {@code Settable} entry is used. The field must be the one that kind of item
   * allows ({@code value} for env and args, {@code source} for mounts, {@code path} for devices)
   * and be listed in the item's {@code Settable}. Effects: env sets or appends
   * {@code NAME=value} in {@code settings.env}; args sets {@code settings.args} to the value
   * split on {@code " "} (so {@code args=} gives one empty argument, as Docker); a mount source
   * or device path is written to both the config's item and the settings' item of that name.
   *
   * <p>Docker writes a mount source or device path through a pointer that its config and
   * settings share only until the daemon restarts (after that, a device path set this way no
   * longer reaches the runtime, which reads settings). Hangar writes both, so config, settings
   * and the runtime always agree.
   *
   * <p>All arguments are parsed before any is applied; unlike Docker, which keeps in memory the
   * arguments applied before a failing one, a failure leaves nothing applied (the inputs are
   * values).
   *
   * @throws HangarException {@link ErrorCode#SETTING_INVALID} with Docker's message:
   *     {@code invalid format, must be <name>[.<field>][=<value>]},
   *     {@code setting "<n>" not found in the plugin configuration},
   *     {@code "<n>" is not settable} or {@code "<n>.<field>" is not settable},
   *     {@code multiple fields are settable, one must be specified},
   *     {@code plugin config has no mount source}, {@code plugin config has no device path}
   */
  public static SetResult apply(PluginConfig c, PluginSettings s, List<String> args) {
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(s, "s");
    List<SetArg> sets = args.stream().map(SetArg::parse).toList();
    State st = new State(c, s);
    for (SetArg a : sets) {
      st.apply(a);
    }
    return st.result();
  }

  /** The lists being changed, copied from the inputs. */
  private static final class State {
    private final PluginConfig config;
    private final List<PluginConfig.Mount> mounts;
    private final List<PluginConfig.Device> devices;
    private final List<String> env;
    private List<String> args;
    private final List<PluginConfig.Mount> settingsMounts;
    private final List<PluginConfig.Device> settingsDevices;

    State(PluginConfig c, PluginSettings s) {
      config = c;
      mounts = new ArrayList<>(c.mounts());
      devices = new ArrayList<>(c.linux().devices());
      env = new ArrayList<>(s.env());
      args = s.args();
      settingsMounts = new ArrayList<>(s.mounts());
      settingsDevices = new ArrayList<>(s.devices());
    }

    void apply(SetArg a) {
      for (PluginConfig.Env e : config.env()) {
        if (e.name().equals(a.name())) {
          check(a, "value", e.settable());
          setEnv(a);
          return;
        }
      }
      for (int i = 0; i < mounts.size(); i++) {
        PluginConfig.Mount m = mounts.get(i);
        if (m.name().equals(a.name())) {
          check(a, "source", m.settable());
          if (m.source().isEmpty()) {
            throw invalid("plugin config has no mount source");
          }
          mounts.set(i, m.withSource(a.value()));
          replace(settingsMounts, i, m.name(), PluginConfig.Mount::name,
              sm -> sm.withSource(a.value()));
          return;
        }
      }
      for (int i = 0; i < devices.size(); i++) {
        PluginConfig.Device d = devices.get(i);
        if (d.name().equals(a.name())) {
          check(a, "path", d.settable());
          if (d.path().isEmpty()) {
            throw invalid("plugin config has no device path");
          }
          devices.set(i, d.withPath(a.value()));
          replace(settingsDevices, i, d.name(), PluginConfig.Device::name,
              sd -> sd.withPath(a.value()));
          return;
        }
      }
      if (config.args().name().equals(a.name())) {
        check(a, "value", config.args().settable());
        args = Arrays.asList(a.value().split(" ", -1));
        return;
      }
      throw invalid(
          "setting " + GoQuote.quote(a.name()) + " not found in the plugin configuration");
    }

    /** Docker's {@code isSettable}, and its message when the answer is no. */
    private static void check(SetArg a, String allowed, List<String> settable) {
      SetArg in = a;
      if (a.field().isEmpty()) {
        if (settable.size() == 1) {
          in = a.withField(settable.get(0));
        } else if (settable.size() > 1) {
          throw invalid("multiple fields are settable, one must be specified");
        }
      }
      if (!in.field().equals(allowed) || !settable.contains(in.field())) {
        throw invalid(GoQuote.quote(in.prettyName()) + " is not settable");
      }
    }

    private void setEnv(SetArg a) {
      String entry = a.name() + "=" + a.value();
      for (int i = 0; i < env.size(); i++) {
        String e = env.get(i);
        int eq = e.indexOf('=');
        if ((eq < 0 ? e : e.substring(0, eq)).equals(a.name())) {
          env.set(i, entry);
          return;
        }
      }
      env.add(entry);
    }

    /**
     * Changes the settings' copy of config item {@code i}: the item at the same index when it
     * has the same name (settings start as copies of the config's lists), else the first of that
     * name; none when settings have no such item.
     */
    private static <T> void replace(List<T> items, int i, String name,
        Function<T, String> nameOf, UnaryOperator<T> change) {
      int at = i < items.size() && nameOf.apply(items.get(i)).equals(name) ? i : -1;
      for (int j = 0; at < 0 && j < items.size(); j++) {
        if (nameOf.apply(items.get(j)).equals(name)) {
          at = j;
        }
      }
      if (at >= 0) {
        items.set(at, change.apply(items.get(at)));
      }
    }

    SetResult result() {
      PluginConfig.Linux l = config.linux();
      PluginConfig c = new PluginConfig(config.description(), config.documentation(),
          config.iface(), config.entrypoint(), config.workDir(), config.user(), config.network(),
          mounts, config.env(), config.args(),
          new PluginConfig.Linux(l.capabilities(), l.allowAllDevices(), devices),
          config.propagatedMount(), config.pidHost(), config.ipcHost(), config.rootfs());
      return new SetResult(c,
          new PluginSettings(settingsMounts, env, args, settingsDevices));
    }

    private static HangarException invalid(String message) {
      return new HangarException(ErrorCode.SETTING_INVALID, message);
    }
  }
}
