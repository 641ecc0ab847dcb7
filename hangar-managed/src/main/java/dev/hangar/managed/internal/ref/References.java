package dev.hangar.managed.internal.ref;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Digest;
import dev.hangar.registry.Reference;
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
   * Whether {@code s} is a plugin name that names its registry ({@code 127.0.0.1:5000/team/vol},
   * {@code localhost/p:1}, {@code registry.example/p}): its first component is a domain by
   * Docker's rule (a {@code .} or {@code :} in it, or {@code localhost}) and it parses. Such a
   * name can never be an ID prefix (IDs are hex), so it pushes to that registry without a
   * lookup first.
   */
  public static boolean namesRegistry(String s) {
    int slash = s.indexOf('/');
    if (slash <= 0) {
      return false;
    }
    String first = s.substring(0, slash);
    boolean domain = first.indexOf('.') >= 0 || first.indexOf(':') >= 0
        || first.equals("localhost");
    return domain && tryNormalize(s).isPresent();
  }

  /**
   * {@code reference.FamiliarString}: {@code docker.io/library/foo:latest} gives
   * {@code foo:latest}; others stay as they are.
   *
   * @throws HangarException {@link ErrorCode#INVALID_PLUGIN_NAME} with Go's message
   */
  public static String familiar(String s) {
    return ReferenceParser.parseNormalized(Objects.requireNonNull(s, "s")).familiar().toString();
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

  /**
   * A pull's remote and local name, as moby's plugin router: {@code remote} normalised (a
   * digest kept and the tag then dropped from what is asked for), {@code name} normalised when
   * not empty, else the remote's familiar name with the remote's tag. The registry's
   * {@link Reference} is built from this normalisation, so that names are parsed one way only.
   *
   * @param remote e.g. {@code vieux/sshfs}, {@code 127.0.0.1:5000/team/gp:1.0@sha256:…}
   * @param name the local name, or {@code ""}
   * @throws HangarException {@link ErrorCode#INVALID_PLUGIN_NAME} with Go's message
   */
  public static RemoteRef remote(String remote, String name) {
    ParsedReference ref = ReferenceParser.parseNormalized(Objects.requireNonNull(remote,
        "remote"));
    ParsedReference asked = ref.hasDigest() ? ref.withoutTag() : ref.tagNameOnly();
    String local;
    if (name == null || name.isEmpty()) {
      ParsedReference named = new ParsedReference(ref.domain(), ref.path(),
          ref.hasTag() ? ref.tag() : "latest", "");
      local = named.familiar().toString();
    } else {
      local = normalize(name);
    }
    Reference r;
    try {
      r = new Reference(asked.domain(), asked.path(),
          asked.hasTag() ? Optional.of(asked.tag()) : Optional.empty(),
          asked.hasDigest() ? Optional.of(Digest.parse(asked.digest())) : Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new HangarException(ErrorCode.INVALID_PLUGIN_NAME, "invalid reference format: "
          + e.getMessage(), e);
    }
    return new RemoteRef(r, asked.toString(), local);
  }

  /**
   * The registry reference a stored name pushes to ({@code ParseNormalizedNamed(p.Name())}).
   *
   * @throws HangarException {@link ErrorCode#INVALID_PLUGIN_NAME}
   */
  public static Reference pushTarget(String storedName) {
    return remote(storedName, "").registry();
  }
}
