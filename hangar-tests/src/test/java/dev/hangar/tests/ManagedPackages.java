package dev.hangar.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Docker plugin packages of {@code goplugin} for the managed-plugin tests: a directory holding
 * {@code config.json} (Docker's v2 plugin config) and {@code rootfs/} with the static binary at
 * {@code /bin/goplugin}, as {@code docker plugin create DIR} expects, or a tar of one (see
 * {@link PackageTars}) for {@code POST /plugins/create}.
 *
 * <p>{@link #goPlugin()} starts from the config a test usually wants: a volume driver
 * ({@code docker.volumedriver/1.0}) on {@code gp.sock}, its own network namespace
 * ({@code Network.Type ""}), one settable env {@code DEBUG=0}, no mounts, no args. The builder
 * changes what a test asks for; {@link Builder#field} sets any top-level field to raw JSON, for
 * packages Docker refuses.
 */
final class ManagedPackages {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The dirs every plugin rootfs gets (Docker's runtime mounts over some of them). */
  static final List<String> ROOTFS_DIRS =
      List.of("bin", "proc", "sys", "dev", "etc", "tmp", "run/docker/plugins", "data");

  private ManagedPackages() {}

  /** A builder holding the default goplugin package. */
  static Builder goPlugin() {
    return new Builder();
  }

  /** Builds one package; each call changes the config or the rootfs to write. */
  static final class Builder {
    private final ObjectNode config = JSON.createObjectNode();
    private boolean busybox;
    private boolean rootfs = true;

    private Builder() {
      config.put("Description", "Hangar's Go test volume plugin");
      config.put("Documentation", "https://example.invalid/hangar/goplugin");
      ObjectNode iface = config.putObject("Interface");
      iface.putArray("Types").add("docker.volumedriver/1.0");
      iface.put("Socket", "gp.sock");
      config.putArray("Entrypoint").add("/bin/goplugin");
      config.put("WorkDir", "");
      config.putObject("Network").put("Type", "");
      config.putArray("Mounts");
      config.putArray("Env");
      ObjectNode args = config.putObject("Args");
      args.put("Name", "");
      args.put("Description", "");
      args.putNull("Settable");
      args.putNull("Value");
      env("DEBUG", "0");
    }

    /** {@code Description}. */
    Builder description(String d) {
      config.put("Description", d);
      return this;
    }

    /** {@code Interface.Types}, e.g. {@code docker.volumedriver/1.0}. */
    Builder types(String... types) {
      ArrayNode a = ((ObjectNode) config.get("Interface")).putArray("Types");
      List.of(types).forEach(a::add);
      return this;
    }

    /** {@code Interface.Socket}. */
    Builder socket(String name) {
      ((ObjectNode) config.get("Interface")).put("Socket", name);
      return this;
    }

    /** {@code Entrypoint}. */
    Builder entrypoint(String... argv) {
      ArrayNode a = config.putArray("Entrypoint");
      List.of(argv).forEach(a::add);
      return this;
    }

    /** {@code Network.Type}: {@code ""} (own namespace), {@code host}, {@code none}. */
    Builder network(String type) {
      ((ObjectNode) config.get("Network")).put("Type", type);
      return this;
    }

    /** Adds an {@code Env} entry whose value the user may set ({@code Settable ["value"]}). */
    Builder env(String name, String value) {
      return envEntry(name, value, true);
    }

    /** Adds an {@code Env} entry the user may not set ({@code Settable []}). */
    Builder fixedEnv(String name, String value) {
      return envEntry(name, value, false);
    }

    private Builder envEntry(String name, String value, boolean settable) {
      ArrayNode env = (ArrayNode) config.get("Env");
      for (int i = 0; i < env.size(); i++) {
        if (env.get(i).path("Name").asText().equals(name)) {
          env.remove(i);
          break;
        }
      }
      ObjectNode e = env.addObject();
      e.put("Name", name);
      e.put("Description", "");
      ArrayNode s = e.putArray("Settable");
      if (settable) {
        s.add("value");
      }
      e.put("Value", value);
      return this;
    }

    /**
     * Adds a bind {@code Mounts} entry whose source the user may set ({@code Settable
     * ["source"]}); a null {@code source} is written as {@code null}.
     */
    Builder bindMount(String name, String source, String destination, String... options) {
      ObjectNode m = ((ArrayNode) config.get("Mounts")).addObject();
      m.put("Name", name);
      m.put("Description", "");
      m.putArray("Settable").add("source");
      m.put("Source", source);
      m.put("Destination", destination);
      m.put("Type", "bind");
      ArrayNode o = m.putArray("Options");
      List.of(options).forEach(o::add);
      return this;
    }

    /** {@code Args}: a settable list named {@code name} appended to the entrypoint. */
    Builder args(String name, String... value) {
      ObjectNode a = config.putObject("Args");
      a.put("Name", name);
      a.put("Description", "");
      a.putArray("Settable").add("value");
      ArrayNode v = a.putArray("Value");
      List.of(value).forEach(v::add);
      return this;
    }

    /** Sets a top-level field to the JSON text {@code json} (e.g. a bad {@code Interface}). */
    Builder field(String name, String json) {
      try {
        config.set(name, JSON.readTree(json));
      } catch (IOException e) {
        throw new IllegalArgumentException("not JSON: " + json, e);
      }
      return this;
    }

    /** Also puts busybox at {@code rootfs/bin/busybox}, with {@code sh} linked to it. */
    Builder busybox() {
      busybox = true;
      return this;
    }

    /** Writes no {@code rootfs/} at all (a package Docker refuses: {@code no rootfs found}). */
    Builder withoutRootfs() {
      rootfs = false;
      return this;
    }

    /** The config as it will be written. */
    JsonNode config() {
      return config.deepCopy();
    }

    /**
     * Writes the package into {@code dir} (created if needed): {@code config.json} and
     * {@code rootfs/} with {@code bin/goplugin} (0755), the empty dirs a rootfs needs, empty
     * {@code etc/hosts} and {@code etc/resolv.conf}, and busybox when asked.
     *
     * @return {@code dir}
     */
    Path writeDir(Path dir) {
      try {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"),
            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
        if (rootfs) {
          writeRootfs(dir.resolve("rootfs"));
        }
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("writing the package " + dir, e);
      }
    }

    private void writeRootfs(Path root) throws IOException {
      for (String d : ROOTFS_DIRS) {
        Files.createDirectories(root.resolve(d));
      }
      Files.writeString(root.resolve("etc/hosts"), "");
      Files.writeString(root.resolve("etc/resolv.conf"), "");
      install(GoPrograms.goPlugin(), root.resolve("bin/goplugin"));
      if (busybox) {
        install(Path.of("/usr/bin/busybox"), root.resolve("bin/busybox"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
      }
    }

    private static void install(Path from, Path to) throws IOException {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Writes the package into {@code dir}, then a tar of it at {@code tar}. */
    Path writeTar(Path dir, Path tar) {
      return PackageTars.write(writeDir(dir), tar, false);
    }

    /** Writes the package into {@code dir}, then a gzipped tar of it at {@code tarGz}. */
    Path writeTarGz(Path dir, Path tarGz) {
      return PackageTars.write(writeDir(dir), tarGz, true);
    }
  }
}
