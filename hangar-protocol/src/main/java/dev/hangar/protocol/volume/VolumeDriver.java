package dev.hangar.protocol.volume;

import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.WireMethod;

/**
 * Docker's volume plugin subsystem ({@code Implements: ["VolumeDriver"]}).
 *
 * <p>Every method takes one request record, sent as the JSON body; {@link #list} and
 * {@link #capabilities} take an empty record so that {@code {}} is sent, as Docker does. Methods
 * returning {@code void} answer {@code {}}. A failure is reported by throwing: the SDK server turns
 * it into HTTP 500 with {@code {"Err":"<message>"}}, the client proxy turns such a reply (or a 200
 * carrying a non-empty {@code Err}) into a {@link dev.hangar.protocol.PluginCallException}.
 *
 * <p>Docker's per-call deadlines are 2 minutes for {@code Create} and {@code Mount}, 1 minute for
 * the others.
 *
 * @since 0.1
 */
@PluginInterface("VolumeDriver")
public interface VolumeDriver {

  /** Creates a volume; {@code Opts} are the driver options ({@code docker volume create -o}). */
  @WireMethod("VolumeDriver.Create")
  void create(CreateRequest request);

  /** Removes a volume. */
  @WireMethod("VolumeDriver.Remove")
  void remove(RemoveRequest request);

  /** Makes a volume available to the caller {@code ID}; answers where it is on the host. */
  @WireMethod("VolumeDriver.Mount")
  MountResponse mount(MountRequest request);

  /** Releases the caller {@code ID}'s use of a volume. */
  @WireMethod("VolumeDriver.Unmount")
  void unmount(UnmountRequest request);

  /** Where a volume is on the host; when the answer is {@code ""}, Docker asks again later. */
  @WireMethod(value = "VolumeDriver.Path", idempotent = true)
  PathResponse path(PathRequest request);

  /** One volume; a null {@code Volume} makes Docker report "no such volume". */
  @WireMethod(value = "VolumeDriver.Get", idempotent = true)
  GetResponse get(GetRequest request);

  /** Every volume the driver knows. */
  @WireMethod(value = "VolumeDriver.List", idempotent = true)
  ListResponse list(ListRequest request);

  /** The driver's scope, {@code local} or {@code global}. */
  @WireMethod(value = "VolumeDriver.Capabilities", idempotent = true)
  CapabilitiesResponse capabilities(CapabilitiesRequest request);
}
