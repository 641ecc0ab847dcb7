package dev.hangar.managed.internal.ref;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.Objects;
import java.util.Optional;

/**
 * Docker's plugin names (reference doc section 4.9): the grammar and normalisation of
 * distribution/reference v0.6.0, the version moby vendors. Messages are Go's, word for word, so
 * that the daemon answers as Docker does; they do not repeat the input (callers that need it say
 * which name they were given).
 */
public final class References {
  private References() {}

  /**
   * Docker's stored name, {@code FamiliarString(TagNameOnly(ParseNormalizedNamed(s)))}:
   * {@code vieux/sshfs} gives {@code vieux/sshfs:latest}, {@code docker.io/library/foo} gives
   * {@code foo:latest}, {@code localhost:5000/p} gives {@code localhost:5000/p:latest}, and
   * {@code 127.0.0.1:5000/team/vol:1.0} stays as it is.
   *
   * @throws HangarException {@link ErrorCode#INVALID_PLUGIN_NAME}: Go's message, e.g.
   *     {@code invalid reference format}, {@code invalid reference format: repository name
   *     (library/Foo) must be lowercase}, or {@code cannot use digest in plugin tag} for a
   *     reference with a digest
   */
  public static String normalize(String s) {
    ParsedReference ref = ReferenceParser.parseNormalized(Objects.requireNonNull(s, "s"));
    if (ref.hasDigest()) {
      throw new HangarException(ErrorCode.INVALID_PLUGIN_NAME, "cannot use digest in plugin tag");
    }
    return ref.tagNameOnly().familiar().toString();
  }

  /**
   * {@link #normalize}, empty instead of throwing: for lookups, where a reference that does not
   * parse (upper case, a digest) is simply not found, as in moby's {@code resolvePluginID}.
   */
  public static Optional<String> tryNormalize(String s) {
    try {
      return Optional.of(normalize(s));
    } catch (HangarException e) {
      return Optional.empty();
    }
  }

  /**
   * The fully qualified remote, as {@code PluginReference} records it on pull:
   * {@code docker.io/library/foo:latest}, {@code docker.io/vieux/sshfs:latest},
   * {@code localhost:5000/p:latest}. A digest is kept and then the tag dropped
   * ({@code name:tag@sha256:…} gives {@code docker.io/…/name@sha256:…}), as moby's
   * {@code parseRemoteRef} does.
   *
   * @throws HangarException {@link ErrorCode#INVALID_PLUGIN_NAME} with Go's message
   */
  public static String fullyQualified(String s) {
    ParsedReference ref = ReferenceParser.parseNormalized(Objects.requireNonNull(s, "s"));
    return (ref.hasDigest() ? ref.withoutTag() : ref.tagNameOnly()).toString();
  }
}
