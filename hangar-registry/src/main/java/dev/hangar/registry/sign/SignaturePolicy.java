package dev.hangar.registry.sign;

import dev.hangar.registry.Reference;
import dev.hangar.registry.internal.sign.PolicyParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which references need a signature, and by which keys: a default, and scopes
 * ({@code registry} or {@code registry/repository-prefix}) of which the longest that contains a
 * reference's repository wins. The file format is specified in {@code docs/protocol.md}
 * ("Signature policy").
 *
 * <pre>{@code
 * SignaturePolicy policy = SignaturePolicy.load(Path.of("/etc/hangar/signature-policy.json"));
 * SignatureRequirement r = policy.requirement(Reference.parse("127.0.0.1:5000/plugins/vol:1"));
 * }</pre>
 *
 * @param defaultRequirement what applies to a reference no scope contains
 * @param scopes the scopes and their requirements
 * @since 0.1
 */
public record SignaturePolicy(SignatureRequirement defaultRequirement,
    Map<String, SignatureRequirement> scopes) {
  /**
   * @param defaultRequirement the default
   * @param scopes the scopes
   */
  public SignaturePolicy {
    Objects.requireNonNull(defaultRequirement, "defaultRequirement");
    scopes = Map.copyOf(scopes);
  }

  /** A policy that requires nothing: Hangar's behaviour without a policy or a key. */
  public static SignaturePolicy none() {
    return new SignaturePolicy(SignatureRequirement.NONE, Map.of());
  }

  /**
   * A policy requiring, for every reference, a signature by one of {@code keys}: what
   * {@code --verify-key FILE} means.
   *
   * @param keys the keys, at least one
   * @return the policy
   */
  public static SignaturePolicy requiring(List<VerificationKey> keys) {
    return new SignaturePolicy(SignatureRequirement.requiring(keys), Map.of());
  }

  /**
   * Reads a policy file; the key files it names are read too (relative to its directory).
   *
   * @param file the file
   * @return the policy
   * @throws dev.hangar.protocol.HangarException SIGNATURE_POLICY_INVALID naming the file, the
   *     line and the field (a key file's problem included)
   */
  public static SignaturePolicy load(Path file) {
    PolicyParser.Parsed p = PolicyParser.parse(file);
    return new SignaturePolicy(p.defaultRequirement(), p.scopes());
  }

  /**
   * What applies to a reference: the requirement of the longest scope equal to its
   * {@code registry/repository} or a prefix of it ending at a {@code /}, else the default.
   *
   * @param ref the reference (tag and digest play no part)
   * @return the requirement
   */
  public SignatureRequirement requirement(Reference ref) {
    String name = ref.name();
    String best = null;
    for (String scope : scopes.keySet()) {
      if ((name.equals(scope) || name.startsWith(scope + "/"))
          && (best == null || scope.length() > best.length())) {
        best = scope;
      }
    }
    return best == null ? defaultRequirement : scopes.get(best);
  }
}
