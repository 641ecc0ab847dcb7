package dev.hangar.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The reply to {@code Plugin.Activate}: the subsystems a plugin implements. Matching against it is
 * exact and case-sensitive ({@code VolumeDriver}, but lower-case {@code authz}).
 *
 * @param implementsList the capabilities, never null
 * @since 0.1
 */
public record Manifest(@JsonProperty("Implements") List<String> implementsList) {

  /** Copies the list; a missing list becomes empty. */
  public Manifest {
    implementsList = implementsList == null ? List.of() : List.copyOf(implementsList);
  }

  /** Whether the plugin declares {@code capability}, compared exactly. */
  public boolean implementsCapability(String capability) {
    return implementsList.contains(capability);
  }
}
