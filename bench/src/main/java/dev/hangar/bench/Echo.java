package dev.hangar.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The benchmark's request and reply, the same fields the Go anchor sends:
 * {@code {"Name":"hangar-bench","Opts":{"size":"1G","type":"tmpfs"},"Seq":N}}.
 *
 * @param name a fixed name
 * @param opts a small map, as a volume create carries
 * @param seq a sequence number, echoed back and checked
 */
public record Echo(
    @JsonProperty("Name") String name,
    @JsonProperty("Opts") Map<String, String> opts,
    @JsonProperty("Seq") long seq) {

  /** The request for sequence number {@code seq}. */
  static Echo request(long seq) {
    return new Echo("hangar-bench", Map.of("size", "1G", "type", "tmpfs"), seq);
  }
}
