package dev.hangar.protocol.volume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hangar.protocol.internal.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of every VolumeDriver record, byte for byte as Docker and its SDK write it. */
class VolumeWireShapesTest {

  private static String json(Object o) throws JsonProcessingException {
    return Json.MAPPER.writeValueAsString(o);
  }

  private static <T> T read(String s, Class<T> type) throws JsonProcessingException {
    return Json.MAPPER.readValue(s, type);
  }

  @Test
  void createWithoutOptionsSendsOptsNull() throws JsonProcessingException {
    assertThat(json(new CreateRequest("v1"))).isEqualTo("{\"Name\":\"v1\",\"Opts\":null}");
    assertThat(json(new CreateRequest("v1", Map.of())))
        .isEqualTo("{\"Name\":\"v1\",\"Opts\":null}");
  }

  @Test
  void createWithOptionsKeepsTheirOrder() throws JsonProcessingException {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("size", "1G");
    opts.put("a", "b");

    assertThat(json(new CreateRequest("v1", opts)))
        .isEqualTo("{\"Name\":\"v1\",\"Opts\":{\"size\":\"1G\",\"a\":\"b\"}}");
  }

  @Test
  void createDecodesNullOrMissingOptsAsEmpty() throws JsonProcessingException {
    assertThat(read("{\"Name\":\"v1\",\"Opts\":null}", CreateRequest.class).opts()).isEmpty();
    assertThat(read("{\"Name\":\"v1\"}", CreateRequest.class).opts()).isEmpty();
    assertThat(read("{}", CreateRequest.class).name()).isEmpty();
  }

  @Test
  void keysDecodeCaseInsensitivelyAndUnknownKeysAreIgnored() throws JsonProcessingException {
    assertThat(read("{\"name\":\"v1\",\"OPTS\":{\"k\":\"v\"},\"Extra\":1}", CreateRequest.class))
        .isEqualTo(new CreateRequest("v1", Map.of("k", "v")));
    assertThat(read("{\"name\":\"v1\",\"id\":\"c\"}", MountRequest.class))
        .isEqualTo(new MountRequest("v1", "c"));
  }

  @Test
  void nameOnlyRequests() throws JsonProcessingException {
    assertThat(json(new RemoveRequest("v1"))).isEqualTo("{\"Name\":\"v1\"}");
    assertThat(json(new PathRequest("v1"))).isEqualTo("{\"Name\":\"v1\"}");
    assertThat(json(new GetRequest("v1"))).isEqualTo("{\"Name\":\"v1\"}");
  }

  @Test
  void mountAndUnmountCarryTheCallerId() throws JsonProcessingException {
    assertThat(json(new MountRequest("v1", "c1"))).isEqualTo("{\"Name\":\"v1\",\"ID\":\"c1\"}");
    assertThat(json(new UnmountRequest("v1", "c1"))).isEqualTo("{\"Name\":\"v1\",\"ID\":\"c1\"}");
  }

  @Test
  void listAndCapabilitiesSendEmptyObjects() throws JsonProcessingException {
    assertThat(json(new ListRequest())).isEqualTo("{}");
    assertThat(json(new CapabilitiesRequest())).isEqualTo("{}");
    assertThat(read("{}", ListRequest.class)).isEqualTo(new ListRequest());
  }

  @Test
  void mountpointRepliesAlwaysCarryMountpoint() throws JsonProcessingException {
    assertThat(json(new MountResponse("/p"))).isEqualTo("{\"Mountpoint\":\"/p\"}");
    assertThat(json(new PathResponse(""))).isEqualTo("{\"Mountpoint\":\"\"}");
  }

  @Test
  void volumeLeavesOutEmptyFieldsButAlwaysHasName() throws JsonProcessingException {
    assertThat(json(new Volume("v1", ""))).isEqualTo("{\"Name\":\"v1\"}");
    assertThat(json(new Volume("v1", "/p", "2024-01-02T03:04:05Z", Map.of("k", "v"))))
        .isEqualTo("{\"Name\":\"v1\",\"Mountpoint\":\"/p\",\"CreatedAt\":\"2024-01-02T03:04:05Z\","
            + "\"Status\":{\"k\":\"v\"}}");
  }

  @Test
  void createdAtIsRfc3339() {
    Instant t = Instant.parse("2024-01-02T03:04:05Z");

    assertThat(Volume.timestamp(t)).isEqualTo("2024-01-02T03:04:05Z");
    assertThat(new Volume("v", "", "2024-01-02T04:04:05+01:00", null).createdInstant()).contains(t);
    assertThat(new Volume("v", "", "yesterday", null).createdInstant()).isEmpty();
  }

  @Test
  void getSendsVolumeNullWhenUnknown() throws JsonProcessingException {
    assertThat(json(new GetResponse(null))).isEqualTo("{\"Volume\":null}");
    assertThat(read("{\"Volume\":null,\"Err\":\"\"}", GetResponse.class).found()).isEmpty();
  }

  @Test
  void listAndCapabilitiesReplies() throws JsonProcessingException {
    assertThat(json(new ListResponse(List.of(new Volume("v1", "/p")))))
        .isEqualTo("{\"Volumes\":[{\"Name\":\"v1\",\"Mountpoint\":\"/p\"}]}");
    assertThat(json(new ListResponse(null))).isEqualTo("{\"Volumes\":[]}");
    assertThat(read("{\"Volumes\":null}", ListResponse.class).volumes()).isEmpty();
    assertThat(json(CapabilitiesResponse.scope(Capability.GLOBAL)))
        .isEqualTo("{\"Capabilities\":{\"Scope\":\"global\"}}");
    assertThat(read("{\"Capabilities\":{\"scope\":\"local\"}}", CapabilitiesResponse.class))
        .isEqualTo(CapabilitiesResponse.scope("local"));
  }

  @Test
  void decodesWhatDockersGoSdkSends() throws JsonProcessingException {
    String get = "{\"Volume\":{\"Name\":\"v1\",\"Mountpoint\":\"/p\","
        + "\"CreatedAt\":\"2024-01-02T03:04:05.123456789Z\",\"Status\":{\"n\":1}},\"Err\":\"\"}\n";

    Volume v = read(get, GetResponse.class).volume();

    assertThat(v.name()).isEqualTo("v1");
    assertThat(v.status()).containsEntry("n", 1);
    assertThat(v.createdInstant()).contains(Instant.parse("2024-01-02T03:04:05.123456789Z"));
  }
}
