package dev.hangar.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * The platform of an image manifest in a manifest list or OCI index.
 *
 * @param os the operating system, e.g. {@code linux}
 * @param architecture the CPU architecture in Go's names, e.g. {@code amd64}
 * @param variant the CPU variant (e.g. {@code v8}), or empty
 * @since 0.1
 */
public record Platform(String os, String architecture, Optional<String> variant) {
  /** {@code linux/amd64}, what Hangar runs managed plugins on and picks by default. */
  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", Optional.empty());

  /**
   * @param os the operating system
   * @param architecture the architecture
   * @param variant the variant, or empty
   */
  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(variant, "variant");
  }

  /**
   * Whether a manifest for {@code other} runs here: same OS and architecture, and the same
   * variant when this platform names one.
   *
   * @param other the platform of a list entry
   * @return true when it matches
   */
  public boolean matches(Platform other) {
    return os.equals(other.os) && architecture.equals(other.architecture)
        && (variant.isEmpty() || variant.equals(other.variant));
  }

  /** {@code os/architecture[/variant]}, as Docker prints it. */
  @Override
  public String toString() {
    return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
  }
}
