package dev.hangar.protocol.volume;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A volume as {@code Get} and {@code List} report it:
 * {@code {"Name":"v1","Mountpoint":"/p","CreatedAt":"2024-01-02T03:04:05Z","Status":{"k":"v"}}}.
 *
 * <p>As in Docker's SDK, {@code Name} is always sent and the other fields are left out when empty.
 * That matters for {@code CreatedAt}: Docker decodes it into a Go {@code time.Time}, so it must be
 * RFC 3339 or absent ({@code ""} would fail).
 *
 * @param name the volume name
 * @param mountpoint where it is on the host, {@code ""} when not mounted (left out)
 * @param createdAt when it was created, RFC 3339 (see {@link #timestamp(Instant)}), or {@code ""}
 *     (left out)
 * @param status driver-specific details, never null; empty is left out
 * @since 0.1
 */
public record Volume(
    @JsonProperty("Name") String name,
    @JsonProperty("Mountpoint") @JsonInclude(JsonInclude.Include.NON_EMPTY) String mountpoint,
    @JsonProperty("CreatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String createdAt,
    @JsonProperty("Status") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, Object> status) {

  /** Normalises absent values to {@code ""} and an empty, unmodifiable status map. */
  public Volume {
    name = name == null ? "" : name;
    mountpoint = mountpoint == null ? "" : mountpoint;
    createdAt = createdAt == null ? "" : createdAt;
    status = status == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(status));
  }

  /** A volume with a name and a mountpoint only. */
  public Volume(String name, String mountpoint) {
    this(name, mountpoint, "", Map.of());
  }

  /** Formats an instant as RFC 3339 in UTC, e.g. {@code 2024-01-02T03:04:05Z}. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /** {@link #createdAt()} parsed, when it is present and valid RFC 3339. */
  public Optional<Instant> createdInstant() {
    if (createdAt.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(createdAt).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
