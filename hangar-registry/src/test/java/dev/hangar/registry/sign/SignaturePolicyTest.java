package dev.hangar.registry.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy file: longest-prefix scopes, and every mistake named with its line and field. */
class SignaturePolicyTest {
  @TempDir static Path dir;
  static SignTestKit.KeyFiles team;
  static SignTestKit.KeyFiles acme;

  @BeforeAll
  static void keys() throws Exception {
    Files.createDirectories(dir.resolve("keys"));
    team = SignTestKit.write(dir.resolve("keys"), "team", SignTestKit.keyPair(41));
    KeyPair a = SignTestKit.keyPair(42);
    acme = SignTestKit.write(dir.resolve("keys"), "acme", a);
  }

  private static Path file(String name, String json) throws Exception {
    return Files.writeString(dir.resolve(name), json);
  }

  private static final String POLICY = """
      {
        "schemaVersion": 1,
        "default": {"required": false},
        "scopes": {
          "127.0.0.1:5000": {"required": true, "keys": ["keys/team.pub"]},
          "127.0.0.1:5000/plugins/experimental": {"required": false},
          "127.0.0.1:5000/plugins/acme": {"required": true,
              "keys": ["keys/acme.pub", "keys/team.pub"], "identity": "any"}
        }
      }
      """;

  @Test
  void theLongestScopeContainingTheRepositoryWins() throws Exception {
    SignaturePolicy p = SignaturePolicy.load(file("policy.json", POLICY));

    SignatureRequirement registryWide = p.requirement(Reference.parse("127.0.0.1:5000/a/b:1"));
    assertThat(registryWide.required()).isTrue();
    assertThat(registryWide.scope()).isEqualTo("127.0.0.1:5000");
    assertThat(registryWide.keys()).extracting(VerificationKey::fingerprint)
        .containsExactly(team.verification().fingerprint());
    assertThat(registryWide.identity()).isEqualTo(SignedIdentity.REPOSITORY);

    SignatureRequirement exp = p.requirement(
        Reference.parse("127.0.0.1:5000/plugins/experimental/vol:2"));
    assertThat(exp.required()).isFalse();
    assertThat(exp.scope()).isEqualTo("127.0.0.1:5000/plugins/experimental");
    assertThat(p.requirement(Reference.parse("127.0.0.1:5000/plugins/experimental")).required())
        .isFalse();

    SignatureRequirement acmeReq = p.requirement(Reference.parse("127.0.0.1:5000/plugins/acme"));
    assertThat(acmeReq.keys()).hasSize(2);
    assertThat(acmeReq.identity()).isEqualTo(SignedIdentity.ANY);
  }

  @Test
  void scopesEndAtAPathComponent() throws Exception {
    SignaturePolicy p = SignaturePolicy.load(file("components.json", POLICY));
    // "plugins/experimental-2" is not inside "plugins/experimental"
    assertThat(p.requirement(Reference.parse("127.0.0.1:5000/plugins/experimental-2:1")).scope())
        .isEqualTo("127.0.0.1:5000");
    // "127.0.0.1:50001" is another registry, under the default
    SignatureRequirement other = p.requirement(Reference.parse("127.0.0.1:50001/plugins/x:1"));
    assertThat(other.required()).isFalse();
    assertThat(other.scope()).isEmpty();
    assertThat(p.requirement(Reference.parse("alpine")).required()).isFalse();
  }

  @Test
  void aRequiringDefaultCoversEveryReferenceNoScopeNames() throws Exception {
    SignaturePolicy p = SignaturePolicy.load(file("default.json", """
        {"schemaVersion": 1, "default": {"required": true, "keys": ["keys/team.pub"]},
         "scopes": {"docker.io/library": {"required": false}}}
        """));
    assertThat(p.requirement(Reference.parse("example.org/x/y:1")).required()).isTrue();
    assertThat(p.requirement(Reference.parse("alpine:3")).required()).isFalse();
    assertThat(SignaturePolicy.none().requirement(Reference.parse("example.org/x")).required())
        .isFalse();
  }

  @Test
  void anUnknownFieldIsNamedWithItsLine() throws Exception {
    Path f = file("unknown.json", """
        {
          "schemaVersion": 1,
          "scopes": {
            "127.0.0.1:5000": {"required": true, "key": ["keys/team.pub"]}
          }
        }
        """);
    assertThatThrownBy(() -> SignaturePolicy.load(f))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_POLICY_INVALID))
        .hasMessageStartingWith(f + ":4:")
        .hasMessageContaining("scopes.\"127.0.0.1:5000\".key: unknown field");
  }

  @Test
  void badValuesAreNamedWithLineAndField() throws Exception {
    assertBad("required-string.json", """
        {"schemaVersion": 1,
         "default": {"required": "yes"}}
        """, ":2:", "default.required: must be true or false, not yes");
    assertBad("no-keys.json", """
        {"schemaVersion": 1,
         "scopes": {
           "example.org": {"required": true}}}
        """, ":3:", "scopes.\"example.org\": requires a signature but names no key");
    assertBad("keys-unrequired.json", """
        {"schemaVersion": 1,
         "scopes": {"example.org": {"required": false, "keys": ["keys/team.pub"]}}}
        """, ":2:", "names keys but does not require a signature");
    assertBad("identity.json", """
        {"schemaVersion": 1,
         "scopes": {"example.org": {"required": true, "keys": ["keys/team.pub"],
                                    "identity": "exact"}}}
        """, ":3:", "identity: must be \"repository\" or \"any\", not \"exact\"");
    assertBad("version.json", """
        {"schemaVersion": 2}
        """, ":1:", "schemaVersion: must be 1, not 2");
    assertBad("no-version.json", """
        {"default": {"required": false}}
        """, ":1:", "schemaVersion: missing");
    assertBad("scope.json", """
        {"schemaVersion": 1,
         "scopes": {"plugins/vol": {"required": false}}}
        """, ":2:", "a scope is registry[/repository-prefix]");
    assertBad("scope-case.json", """
        {"schemaVersion": 1,
         "scopes": {"example.org/Plugins": {"required": false}}}
        """, ":2:", "not a registry[/repository-prefix]");
  }

  @Test
  void brokenJsonAndDuplicateScopesAreNamedWithTheirLine() throws Exception {
    assertBad("broken.json", """
        {"schemaVersion": 1,
         "scopes": {
           "example.org": {"required": false},,
         }}
        """, ":3:", "not valid JSON");
    assertBad("duplicate.json", """
        {"schemaVersion": 1,
         "scopes": {
           "example.org": {"required": false},
           "example.org": {"required": true, "keys": ["keys/team.pub"]}}}
        """, ":4:", "Duplicate field 'example.org'");
  }

  @Test
  void aMissingOrUnusableKeyFileIsNamedWithTheFieldThatNamesIt() throws Exception {
    assertBad("missing-key.json", """
        {"schemaVersion": 1,
         "scopes": {"example.org": {"required": true,
                                    "keys": ["keys/team.pub", "keys/nope.pub"]}}}
        """, ":3:", "scopes.\"example.org\".keys[1]: " + dir.resolve("keys/nope.pub")
        + ": does not exist");
    assertBad("private-as-public.json", """
        {"schemaVersion": 1,
         "scopes": {"example.org": {"required": true, "keys": ["keys/team.key"]}}}
        """, ":2:", "no PEM PUBLIC KEY block found");
  }

  @Test
  void aMissingPolicyFileIsNamed() {
    Path f = dir.resolve("absent.json");
    assertThatThrownBy(() -> SignaturePolicy.load(f))
        .hasMessage(f + ": does not exist");
  }

  private static void assertBad(String name, String json, String line, String problem)
      throws Exception {
    Path f = file(name, json);
    assertThatThrownBy(() -> SignaturePolicy.load(f))
        .as(name)
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_POLICY_INVALID))
        .hasMessageStartingWith(f + line)
        .hasMessageContaining(problem);
  }
}
