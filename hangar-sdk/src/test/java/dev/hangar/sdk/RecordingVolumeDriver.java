package dev.hangar.sdk;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A VolumeDriver that records what it is asked and answers fixed values. */
final class RecordingVolumeDriver implements VolumeDriver {
  final List<Object> requests = new CopyOnWriteArrayList<>();

  @Override
  public void create(CreateRequest request) {
    requests.add(request);
    if (request.name().equals("bad")) {
      throw new IllegalStateException("volume name 'bad' is refused");
    }
  }

  @Override
  public void remove(RemoveRequest request) {
    requests.add(request);
  }

  @Override
  public MountResponse mount(MountRequest request) {
    requests.add(request);
    return new MountResponse("/mnt/" + request.name());
  }

  @Override
  public void unmount(UnmountRequest request) {
    requests.add(request);
  }

  @Override
  public PathResponse path(PathRequest request) {
    requests.add(request);
    return new PathResponse("/mnt/" + request.name());
  }

  @Override
  public GetResponse get(GetRequest request) {
    requests.add(request);
    if (request.name().equals("missing")) {
      return new GetResponse(null);
    }
    return new GetResponse(new Volume(request.name(), "/mnt/" + request.name(),
        "2024-01-02T03:04:05Z", Map.of("k", "v")));
  }

  @Override
  public ListResponse list(ListRequest request) {
    requests.add(request);
    return new ListResponse(List.of(new Volume("v1", "/mnt/v1"), new Volume("v2", "")));
  }

  @Override
  public CapabilitiesResponse capabilities(CapabilitiesRequest request) {
    requests.add(request);
    return CapabilitiesResponse.scope(Capability.LOCAL);
  }
}
