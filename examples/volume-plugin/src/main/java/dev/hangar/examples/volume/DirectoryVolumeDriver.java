package dev.hangar.examples.volume;

import dev.hangar.protocol.volume.CapabilitiesRequest;
import dev.hangar.protocol.volume.CapabilitiesResponse;
import dev.hangar.protocol.volume.Capability;
import dev.hangar.protocol.volume.CreateRequest;
import dev.hangar.protocol.volume.GetRequest;
import dev.hangar.protocol.volume.GetResponse;
import dev.hangar.protocol.volume.ListRequest;
import dev.hangar.protocol.volume.ListResponse;
import dev.hangar.protocol.volume.MountRequest;
import dev.hangar.protocol.volume.MountResponse;
import dev.hangar.protocol.volume.PathRequest;
import dev.hangar.protocol.volume.PathResponse;
import dev.hangar.protocol.volume.RemoveRequest;
import dev.hangar.protocol.volume.UnmountRequest;
import dev.hangar.protocol.volume.Volume;
import dev.hangar.protocol.volume.VolumeDriver;
import dev.hangar.sdk.PluginError;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A volume driver whose volumes are directories under a root (see {@link VolumeStore}).
 *
 * <ul>
 *   <li>Create records the options and the creation time; creating an existing volume again with
 *       the same options succeeds, with other options fails.
 *   <li>Mount and Unmount count mounts per caller id; Remove is refused while any remain.
 *   <li>Get reports {@code CreatedAt} (RFC 3339) and a status with the mount count and options;
 *       List reports names, mountpoints and creation times.
 * </ul>
 *
 * <p>Every failure is thrown with a message naming the volume; the SDK server sends it as
 * {@code {"Err":"..."}} with status 500. Thread-safe: every call holds one lock.
 */
public final class DirectoryVolumeDriver implements VolumeDriver {
  /** Docker's volume name rule, without its two-character minimum. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

  private final VolumeStore store;
  private final Clock clock;
  private final TreeMap<String, VolumeRecord> volumes;
  private final MountTable mounts = new MountTable();

  /**
   * Opens the volumes under {@code root}, creating it if missing.
   *
   * @throws IOException when the root cannot be created or a volume record is unreadable
   */
  public DirectoryVolumeDriver(java.nio.file.Path root, Clock clock) throws IOException {
    this.store = new VolumeStore(root);
    this.clock = clock;
    this.volumes = store.loadAll();
  }

  @Override
  public synchronized void create(CreateRequest request) {
    String name = checkName(request.name());
    VolumeRecord existing = volumes.get(name);
    if (existing != null) {
      if (!existing.options().equals(new TreeMap<>(request.opts()))) {
        throw new PluginError("volume " + name + " already exists with options "
            + existing.options());
      }
      return;
    }
    VolumeRecord r = new VolumeRecord(VolumeRecord.SCHEMA_VERSION, name,
        Volume.timestamp(clock.instant().truncatedTo(ChronoUnit.SECONDS)), request.opts());
    try {
      store.create(r);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create volume " + name + ": " + e.getMessage(), e);
    }
    volumes.put(name, r);
  }

  @Override
  public synchronized void remove(RemoveRequest request) {
    String name = existing(request.name()).name();
    Map<String, Integer> users = mounts.callers(name);
    if (!users.isEmpty()) {
      throw new PluginError("volume " + name + " is in use (mounted by "
          + String.join(", ", new TreeMap<>(users).keySet()) + ")");
    }
    try {
      store.delete(name);
    } catch (IOException e) {
      throw new IllegalStateException("cannot remove volume " + name + ": " + e.getMessage(), e);
    }
    volumes.remove(name);
  }

  @Override
  public synchronized MountResponse mount(MountRequest request) {
    String name = existing(request.name()).name();
    mounts.mount(name, request.id());
    return new MountResponse(store.dataDir(name).toString());
  }

  @Override
  public synchronized void unmount(UnmountRequest request) {
    String name = existing(request.name()).name();
    if (!mounts.unmount(name, request.id())) {
      throw new PluginError("volume " + name + " is not mounted by '" + request.id()
          + "'");
    }
  }

  @Override
  public synchronized PathResponse path(PathRequest request) {
    String name = existing(request.name()).name();
    return new PathResponse(store.dataDir(name).toString());
  }

  @Override
  public synchronized GetResponse get(GetRequest request) {
    return new GetResponse(volume(existing(request.name()), true));
  }

  @Override
  public synchronized ListResponse list(ListRequest request) {
    List<Volume> all = volumes.values().stream().map(r -> volume(r, false)).toList();
    return new ListResponse(all);
  }

  @Override
  public CapabilitiesResponse capabilities(CapabilitiesRequest request) {
    return CapabilitiesResponse.scope(Capability.LOCAL);
  }

  private Volume volume(VolumeRecord r, boolean withDetails) {
    String mountpoint = store.dataDir(r.name()).toString();
    if (!withDetails) {
      return new Volume(r.name(), mountpoint, r.createdAt(), Map.of());
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("mounts", mounts.count(r.name()));
    if (!r.options().isEmpty()) {
      status.put("options", r.options());
    }
    return new Volume(r.name(), mountpoint, r.createdAt(), status);
  }

  private VolumeRecord existing(String name) {
    VolumeRecord r = volumes.get(name);
    if (r == null) {
      throw new PluginError("no such volume: " + name);
    }
    return r;
  }

  private static String checkName(String name) {
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new PluginError("invalid volume name '" + name
          + "': use [A-Za-z0-9][A-Za-z0-9_.-]*, at most 255 characters, without '..'");
    }
    return name;
  }
}
