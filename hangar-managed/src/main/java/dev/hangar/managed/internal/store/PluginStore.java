package dev.hangar.managed.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.managed.internal.config.ConfigJson;
import dev.hangar.managed.internal.ref.PluginIds;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.IoErrors;
import dev.hangar.protocol.internal.Json;
import dev.hangar.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The managed plugins' files under {@code <root>/managed}: {@code <id>/config.json} (the state,
 * moby's {@code v2.Plugin} shape plus a schema version and Hangar's state), {@code <id>/rootfs/},
 * {@code <id>/logs/}, {@code <id>/bundle/} (the OCI bundle of a running plugin), {@code tmp/}
 * (packages being created) and {@code <id>-removing} (plugins being removed).
 *
 * <p>Every change is a rename: a plugin directory appears whole (built in {@code tmp/}, then
 * renamed), a state file is replaced whole ({@link AtomicFiles#write}), and a removal renames
 * first, then deletes. {@link #load} finishes or undoes whatever a SIGKILL interrupted.
 */
public final class PluginStore {
  /** The state file's schema version. */
  public static final int SCHEMA_VERSION = 1;
  /**
   * The largest state file read back (16 MiB): a plugin's config is at most 1 MiB, its
   * settings a few KiB; anything larger is not a file this store wrote.
   */
  static final int MAX_STATE_BYTES = 16 << 20;

  private static final String STATE = "config.json";
  private static final String REMOVING = "-removing";

  private final Path dir;

  /** @param dir {@code <root>/managed} */
  public PluginStore(Path dir) {
    this.dir = dir;
  }

  /** {@code <root>/managed}. */
  public Path dir() {
    return dir;
  }

  /** The plugin's directory. */
  public Path pluginDir(String id) {
    return dir.resolve(id);
  }

  /** The plugin's rootfs. */
  public Path rootfs(String id) {
    return pluginDir(id).resolve("rootfs");
  }

  /** The plugin's log directory. */
  public Path logs(String id) {
    return pluginDir(id).resolve("logs");
  }

  /** The plugin's OCI bundle directory. */
  public Path bundle(String id) {
    return pluginDir(id).resolve("bundle");
  }

  /** The directory of the plugin's propagated mount. */
  public Path propagatedMount(String id) {
    return pluginDir(id).resolve("propagated-mount");
  }

  /** The result of {@link #load}: the plugins that loaded, and one message per one that did not. */
  public record Loaded(List<SavedPlugin> plugins, List<String> problems) {}

  /**
   * Loads every plugin, after removing what a crash left: {@code tmp/}, {@code *-removing} and
   * the temporary files of a state write in a plugin's directory.
   * A plugin whose state cannot be read is reported in {@link Loaded#problems}, not thrown.
   *
   * @throws HangarException IO_ERROR when the directory itself cannot be read
   */
  public Loaded load() {
    List<SavedPlugin> plugins = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try {
      AtomicFiles.privateDir(dir);
      AtomicFiles.deleteTree(dir.resolve("tmp"));
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path p : ds) {
          String name = p.getFileName().toString();
          if (name.endsWith(REMOVING)) {
            AtomicFiles.deleteTree(p);
          } else if (PluginIds.isFullId(name) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try {
              AtomicFiles.deleteTemporaries(p);
              finishUpgrade(name);
              plugins.add(read(name));
            } catch (HangarException e) {
              problems.add(e.getMessage());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot load managed plugins from " + dir
          + ": " + e, e);
    }
    plugins.sort(java.util.Comparator.comparing(SavedPlugin::name));
    return new Loaded(List.copyOf(plugins), List.copyOf(problems));
  }

  /** Reads one plugin's state. @throws HangarException STATE_INVALID naming the file */
  SavedPlugin read(String id) {
    Path file = pluginDir(id).resolve(STATE);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("missing or not a regular file");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(MAX_STATE_BYTES + 1);
      }
      if (bytes.length > MAX_STATE_BYTES) {
        throw new IOException("larger than a state file can be (" + MAX_STATE_BYTES
            + " bytes)");
      }
      JsonNode root = Json.MAPPER.readTree(bytes);
      int version = root.path("schemaVersion").asInt(-1);
      if (version != SCHEMA_VERSION) {
        throw new IOException("schema version " + root.path("schemaVersion")
            + " is not the supported " + SCHEMA_VERSION);
      }
      JsonNode p = root.path("plugin");
      if (!id.equals(p.path("Id").asText())) {
        throw new IOException("its Id " + p.path("Id") + " is not its directory's name");
      }
      JsonNode hangar = root.path("Hangar");
      boolean failed = "failed".equals(hangar.path("State").asText());
      return new SavedPlugin(id, p.path("Name").asText(), p.path("Enabled").asBoolean(), failed,
          Optional.ofNullable(hangar.path("Failure").textValue()),
          ConfigJson.parse(Json.MAPPER.writeValueAsBytes(p.path("Config")), file + " Config"),
          ConfigJson.parseSettings(p.path("Settings"), file + " Settings"),
          p.path("PluginReference").asText(""), image(root));
    } catch (IOException | RuntimeException e) {
      String why = e instanceof HangarException h ? h.getMessage() : e.toString();
      throw new HangarException(ErrorCode.STATE_INVALID, "managed plugin " + id
          + ": cannot read its state " + file + ": " + why, e);
    }
  }

  /** moby's {@code Manifest}, {@code Config} and {@code Blobsums}, when the manifest is set. */
  private static Optional<ImageDigests> image(JsonNode root) throws IOException {
    String manifest = root.path("Manifest").asText("");
    if (manifest.isEmpty()) {
      return Optional.empty();
    }
    try {
      List<Digest> layers = new ArrayList<>();
      for (JsonNode b : root.path("Blobsums")) {
        layers.add(Digest.parse(b.asText()));
      }
      return Optional.of(new ImageDigests(Digest.parse(manifest),
          Digest.parse(root.path("Config").asText()), layers));
    } catch (IllegalArgumentException e) {
      throw new IOException("bad image digests: " + e.getMessage(), e);
    }
  }

  /** Saves the plugin's state atomically. @throws HangarException IO_ERROR, DISK_FULL */
  public void save(SavedPlugin s) {
    writeState(pluginDir(s.id()).resolve(STATE), s);
  }

  private void writeState(Path file, SavedPlugin s) {
    ObjectNode plugin = Json.MAPPER.createObjectNode();
    plugin.set("Config", ConfigJson.toJson(s.config()));
    plugin.put("Enabled", s.enabled());
    plugin.put("Id", s.id());
    plugin.put("Name", s.name());
    if (!s.pluginReference().isEmpty()) {
      plugin.put("PluginReference", s.pluginReference());
    }
    plugin.set("Settings", ConfigJson.settingsToJson(s.settings()));
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.set("plugin", plugin);
    root.put("Rootfs", rootfs(s.id()).toString());
    if (s.image().isPresent()) {
      ImageDigests i = s.image().get();
      root.put("Config", i.config().toString());
      var sums = root.putArray("Blobsums");
      i.layers().forEach(d -> sums.add(d.toString()));
      root.put("Manifest", i.manifest().toString());
    } else {
      root.put("Config", "");
      root.putNull("Blobsums");
      root.put("Manifest", "");
    }
    root.put("SwarmServiceID", "");
    ObjectNode hangar = root.putObject("Hangar");
    hangar.put("State", s.failed() ? "failed" : s.enabled() ? "enabled" : "disabled");
    s.failure().ifPresent(f -> hangar.put("Failure", f));
    try {
      AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(root));
    } catch (IOException e) {
      throw IoErrors.writeFailed("managed plugin " + s.name() + ": cannot save " + file + ": "
          + e, e);
    }
  }

  /** A new, empty directory under {@code tmp/} to build a plugin in. */
  public Path stage() throws IOException {
    Path tmp = AtomicFiles.privateDir(dir.resolve("tmp"));
    return AtomicFiles.privateDir(tmp.resolve(PluginIds.random().substring(0, 16)));
  }

  /**
   * Makes the staged directory the plugin {@code s.id()}: its state is written into it, then it
   * is renamed into place, so the plugin exists whole or not at all. The staged directory must
   * hold {@code rootfs/} and nothing named {@code config.json}.
   */
  public void commit(Path staged, SavedPlugin s) throws IOException {
    writeState(staged.resolve(STATE), s);
    Files.move(staged, pluginDir(s.id())); // same file system: a rename; fails if the ID exists
    AtomicFiles.syncDir(dir);
  }

  private static final String NEXT_STATE = "upgrade.json";
  private static final String NEXT_ROOTFS = "rootfs.new";
  private static final String OLD_ROOTFS = "rootfs.old";

  /**
   * Replaces the plugin's rootfs and state by an upgrade's, crash-safely: the new rootfs goes to
   * {@code <id>/rootfs.new}, then the new state to {@code <id>/upgrade.json} (the commit point:
   * before it the plugin is as it was, after it the upgrade is finished by {@link #load} if
   * need be), then {@code rootfs} becomes {@code rootfs.old}, {@code rootfs.new} becomes
   * {@code rootfs}, {@code config.json} gets the new state, and the old ones go.
   *
   * @param stagedRootfs the new rootfs, on the same file system
   * @throws IOException when a step fails; before the commit point nothing has changed
   */
  public void upgrade(Path stagedRootfs, SavedPlugin next) throws IOException {
    Path dir = pluginDir(next.id());
    Path staged = dir.resolve(NEXT_ROOTFS);
    AtomicFiles.deleteTree(staged);
    try {
      Files.move(stagedRootfs, staged);
      writeState(dir.resolve(NEXT_STATE), next);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTree(staged);
      Files.deleteIfExists(dir.resolve(NEXT_STATE));
      throw e;
    }
    finishUpgrade(next.id());
  }

  /** Finishes a committed upgrade, or undoes one that was not committed. */
  void finishUpgrade(String id) throws IOException {
    Path dir = pluginDir(id);
    Path next = dir.resolve(NEXT_STATE);
    Path newRootfs = dir.resolve(NEXT_ROOTFS);
    Path rootfs = dir.resolve("rootfs");
    Path old = dir.resolve(OLD_ROOTFS);
    if (Files.isRegularFile(next, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isDirectory(newRootfs, LinkOption.NOFOLLOW_LINKS)) {
        if (Files.exists(rootfs, LinkOption.NOFOLLOW_LINKS)) {
          AtomicFiles.deleteTree(old);
          AtomicFiles.rename(rootfs, old);
        }
        AtomicFiles.rename(newRootfs, rootfs);
      }
      AtomicFiles.rename(next, dir.resolve(STATE));
    } else {
      AtomicFiles.deleteTree(newRootfs);
      if (!Files.exists(rootfs, LinkOption.NOFOLLOW_LINKS)
          && Files.isDirectory(old, LinkOption.NOFOLLOW_LINKS)) {
        AtomicFiles.rename(old, rootfs);
      }
    }
    AtomicFiles.deleteTree(old);
  }

  /** Removes the plugin: renamed to {@code <id>-removing} first, then deleted. */
  public void remove(String id) throws IOException {
    Path gone = dir.resolve(id + REMOVING);
    AtomicFiles.rename(pluginDir(id), gone);
    AtomicFiles.deleteTree(gone);
  }
}
