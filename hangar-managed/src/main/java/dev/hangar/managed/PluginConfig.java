package dev.hangar.managed;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A managed plugin's {@code config.json}: Docker's v2 plugin config ({@code types.PluginConfig}),
 * as read from a package and as shown by {@code plugin inspect}. Nullable strings of Go's
 * {@code *string} fields ({@code Source}, {@code Value}, {@code Path}) are {@link Optional}s;
 * lists are never null (an absent or {@code null} list reads as empty).
 *
 * @param description {@code Description}
 * @param documentation {@code Documentation}
 * @param iface {@code Interface}
 * @param entrypoint {@code Entrypoint}
 * @param workDir {@code WorkDir}, empty for {@code /}
 * @param user {@code User} (kept, never used at run time, as Docker)
 * @param network {@code Network}
 * @param mounts {@code Mounts}
 * @param env {@code Env}
 * @param args {@code Args}
 * @param linux {@code Linux}
 * @param propagatedMount {@code PropagatedMount}, empty for none
 * @param pidHost {@code PidHost}
 * @param ipcHost {@code IpcHost}
 * @param rootfs {@code rootfs}, empty when absent
 * @since 0.2
 */
public record PluginConfig(
    String description,
    String documentation,
    Interface iface,
    List<String> entrypoint,
    String workDir,
    User user,
    Network network,
    List<Mount> mounts,
    List<Env> env,
    Args args,
    Linux linux,
    String propagatedMount,
    boolean pidHost,
    boolean ipcHost,
    Optional<Rootfs> rootfs) {

  /** Null strings become empty, null lists empty lists; every list is copied. */
  public PluginConfig {
    description = Objects.requireNonNullElse(description, "");
    documentation = Objects.requireNonNullElse(documentation, "");
    Objects.requireNonNull(iface, "iface");
    entrypoint = List.copyOf(Objects.requireNonNullElse(entrypoint, List.of()));
    workDir = Objects.requireNonNullElse(workDir, "");
    user = Objects.requireNonNullElse(user, new User(Optional.empty(), Optional.empty()));
    network = Objects.requireNonNullElse(network, new Network(""));
    mounts = List.copyOf(Objects.requireNonNullElse(mounts, List.of()));
    env = List.copyOf(Objects.requireNonNullElse(env, List.of()));
    args = Objects.requireNonNullElse(args, new Args("", "", List.of(), List.of()));
    linux = Objects.requireNonNullElse(linux, new Linux(List.of(), false, List.of()));
    propagatedMount = Objects.requireNonNullElse(propagatedMount, "");
    rootfs = Objects.requireNonNullElse(rootfs, Optional.empty());
  }

  /** The protocol scheme Docker assumes when {@code Interface.ProtocolScheme} is empty. */
  public static final String PROTOCOL_HTTP_V1 = "moby.plugins.http/v1";

  /**
   * {@code Interface}.
   *
   * @param types {@code Types}, e.g. {@code docker.volumedriver/1.0}
   * @param socket {@code Socket}, the socket's file name under {@code /run/docker/plugins}
   * @param protocolScheme {@code ProtocolScheme}, empty or {@link #PROTOCOL_HTTP_V1}
   */
  public record Interface(List<PluginType> types, String socket, String protocolScheme) {
    public Interface {
      types = List.copyOf(Objects.requireNonNullElse(types, List.of()));
      socket = Objects.requireNonNullElse(socket, "");
      protocolScheme = Objects.requireNonNullElse(protocolScheme, "");
    }
  }

  /** {@code User}: {@code UID} and {@code GID}, both omitempty in Go. */
  public record User(Optional<Integer> uid, Optional<Integer> gid) {
    public User {
      uid = Objects.requireNonNullElse(uid, Optional.empty());
      gid = Objects.requireNonNullElse(gid, Optional.empty());
    }
  }

  /** {@code Network}: {@code Type} ({@code host}, {@code none}, {@code bridge} or empty). */
  public record Network(String type) {
    public Network {
      type = Objects.requireNonNullElse(type, "");
    }
  }

  /**
   * A {@code Mounts} entry.
   *
   * @param name {@code Name}
   * @param description {@code Description}
   * @param settable {@code Settable}
   * @param source {@code Source} (nullable in Go)
   * @param destination {@code Destination}
   * @param type {@code Type}
   * @param options {@code Options}
   */
  public record Mount(String name, String description, List<String> settable,
      Optional<String> source, String destination, String type, List<String> options) {
    public Mount {
      name = Objects.requireNonNullElse(name, "");
      description = Objects.requireNonNullElse(description, "");
      settable = List.copyOf(Objects.requireNonNullElse(settable, List.of()));
      source = Objects.requireNonNullElse(source, Optional.empty());
      destination = Objects.requireNonNullElse(destination, "");
      type = Objects.requireNonNullElse(type, "");
      options = List.copyOf(Objects.requireNonNullElse(options, List.of()));
    }

    /** This mount with another source. */
    public Mount withSource(String s) {
      return new Mount(name, description, settable, Optional.of(s), destination, type, options);
    }
  }

  /** An {@code Env} entry; {@code Value} is nullable in Go. */
  public record Env(String name, String description, List<String> settable,
      Optional<String> value) {
    public Env {
      name = Objects.requireNonNullElse(name, "");
      description = Objects.requireNonNullElse(description, "");
      settable = List.copyOf(Objects.requireNonNullElse(settable, List.of()));
      value = Objects.requireNonNullElse(value, Optional.empty());
    }
  }

  /** {@code Args}: a named, optionally settable list appended to the entrypoint. */
  public record Args(String name, String description, List<String> settable, List<String> value) {
    public Args {
      name = Objects.requireNonNullElse(name, "");
      description = Objects.requireNonNullElse(description, "");
      settable = List.copyOf(Objects.requireNonNullElse(settable, List.of()));
      value = List.copyOf(Objects.requireNonNullElse(value, List.of()));
    }
  }

  /** {@code Linux}: extra capabilities, all-devices access, devices. */
  public record Linux(List<String> capabilities, boolean allowAllDevices, List<Device> devices) {
    public Linux {
      capabilities = List.copyOf(Objects.requireNonNullElse(capabilities, List.of()));
      devices = List.copyOf(Objects.requireNonNullElse(devices, List.of()));
    }
  }

  /** A {@code Linux.Devices} entry; {@code Path} is nullable in Go. */
  public record Device(String name, String description, List<String> settable,
      Optional<String> path) {
    public Device {
      name = Objects.requireNonNullElse(name, "");
      description = Objects.requireNonNullElse(description, "");
      settable = List.copyOf(Objects.requireNonNullElse(settable, List.of()));
      path = Objects.requireNonNullElse(path, Optional.empty());
    }

    /** This device with another path. */
    public Device withPath(String p) {
      return new Device(name, description, settable, Optional.of(p));
    }
  }

  /** {@code rootfs}: {@code type} and {@code diff_ids} (snake case on the wire). */
  public record Rootfs(String type, List<String> diffIds) {
    public Rootfs {
      type = Objects.requireNonNullElse(type, "");
      diffIds = List.copyOf(Objects.requireNonNullElse(diffIds, List.of()));
    }
  }

  /** The protocol scheme in effect: {@code ProtocolScheme}, else {@link #PROTOCOL_HTTP_V1}. */
  public String protocol() {
    return iface.protocolScheme().isEmpty() ? PROTOCOL_HTTP_V1 : iface.protocolScheme();
  }
}
