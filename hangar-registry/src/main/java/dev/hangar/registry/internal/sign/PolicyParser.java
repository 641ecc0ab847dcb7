package dev.hangar.registry.internal.sign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Reference;
import dev.hangar.registry.sign.SignatureRequirement;
import dev.hangar.registry.sign.SignedIdentity;
import dev.hangar.registry.sign.VerificationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a signature policy file (docs/protocol.md, "Signature policy"). Every problem is
 * SIGNATURE_POLICY_INVALID with {@code <file>:<line>:<column>: <field>: <problem>}; key paths are
 * relative to the file's directory.
 */
public final class PolicyParser {
  /** The only schema version there is. */
  public static final int SCHEMA_VERSION = 1;
  private static final long MAX_FILE = 1 << 20;
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final Path file;
  private final JsonParser p;

  /**
   * What a policy file says.
   *
   * @param defaultRequirement what applies outside every scope
   * @param scopes the scopes, {@code registry[/repository-prefix]}, each with its requirement
   */
  public record Parsed(SignatureRequirement defaultRequirement,
      Map<String, SignatureRequirement> scopes) {}

  private PolicyParser(Path file, JsonParser p) {
    this.file = file;
    this.p = p;
  }

  /**
   * Parses a policy file.
   *
   * @param file the file
   * @return its contents
   * @throws HangarException SIGNATURE_POLICY_INVALID naming the file, line and field
   */
  public static Parsed parse(Path file) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        throw new HangarException(ErrorCode.SIGNATURE_POLICY_INVALID, file + ": "
            + (Files.exists(file) ? "is not a regular file" : "does not exist"));
      }
      if (Files.size(file) > MAX_FILE) {
        throw new HangarException(ErrorCode.SIGNATURE_POLICY_INVALID, file
            + ": is larger than " + MAX_FILE + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.SIGNATURE_POLICY_INVALID, file + ": cannot read: "
          + e.getMessage(), e);
    }
    try (JsonParser p = JSON.createParser(bytes)) {
      return new PolicyParser(file, p).top();
    } catch (JsonParseException e) {
      JsonLocation l = e.getLocation();
      throw new HangarException(ErrorCode.SIGNATURE_POLICY_INVALID, file + ":"
          + (l == null ? "" : l.getLineNr() + ":" + l.getColumnNr() + ":") + " not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.SIGNATURE_POLICY_INVALID, file + ": cannot read: "
          + e.getMessage(), e);
    }
  }

  private Parsed top() throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, "(top)", "must be a JSON object");
    Integer version = null;
    SignatureRequirement def = SignatureRequirement.NONE;
    Map<String, SignatureRequirement> scopes = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      switch (f) {
        case "schemaVersion" -> {
          if (t != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != SCHEMA_VERSION) {
            throw fail(f, "must be " + SCHEMA_VERSION + ", not " + p.getText());
          }
          version = SCHEMA_VERSION;
        }
        case "default" -> def = rule(f, "");
        case "scopes" -> {
          expect(t, JsonToken.START_OBJECT, f, "must be an object of scopes");
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String scope = p.currentName();
            String where = f + ".\"" + scope + "\"";
            checkScope(where, scope);
            p.nextToken();
            scopes.put(scope, rule(where, scope));
          }
        }
        default -> throw fail(f, "unknown field (known: schemaVersion, default, scopes)");
      }
    }
    if (version == null) {
      throw fail("schemaVersion", "missing; write \"schemaVersion\": " + SCHEMA_VERSION);
    }
    if (p.nextToken() != null) {
      throw fail("(top)", "unexpected content after the policy object");
    }
    return new Parsed(def, scopes);
  }

  private SignatureRequirement rule(String where, String scope) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, where,
        "must be an object: {\"required\": true|false, \"keys\": [...], \"identity\": ...}");
    JsonLocation start = p.currentTokenLocation();
    Boolean required = null;
    List<VerificationKey> keys = new ArrayList<>();
    boolean keysGiven = false;
    SignedIdentity identity = SignedIdentity.REPOSITORY;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      String at = where + "." + f;
      JsonToken t = p.nextToken();
      switch (f) {
        case "required" -> {
          if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw fail(at, "must be true or false, not " + p.getText());
          }
          required = t == JsonToken.VALUE_TRUE;
        }
        case "keys" -> {
          keysGiven = true;
          expect(t, JsonToken.START_ARRAY, at, "must be an array of PEM public key files");
          for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            String ki = at + "[" + i + "]";
            expect(p.currentToken(), JsonToken.VALUE_STRING, ki, "must be a file name");
            keys.add(key(ki, p.getText()));
          }
        }
        case "identity" -> {
          expect(t, JsonToken.VALUE_STRING, at, "must be \"repository\" or \"any\"");
          identity = switch (p.getText()) {
            case "repository" -> SignedIdentity.REPOSITORY;
            case "any" -> SignedIdentity.ANY;
            default -> throw fail(at, "must be \"repository\" or \"any\", not \"" + p.getText()
                + "\"");
          };
        }
        default -> throw fail(at, "unknown field (known: required, keys, identity)");
      }
    }
    if (required == null) {
      throw fail(start, where, "has no \"required\": true|false");
    }
    if (required && keys.isEmpty()) {
      throw fail(start, where, "requires a signature but names no key in \"keys\"");
    }
    if (!required && keysGiven) {
      throw fail(start, where, "names keys but does not require a signature; "
          + "write \"required\": true or drop \"keys\"");
    }
    return new SignatureRequirement(scope, required, keys, identity);
  }

  private VerificationKey key(String where, String name) {
    Path base = file.toAbsolutePath().getParent();
    Path k = base == null ? Path.of(name) : base.resolve(name);
    try {
      return VerificationKey.load(k);
    } catch (HangarException e) {
      throw fail(where, e.getMessage());
    }
  }

  private void checkScope(String where, String scope) {
    int slash = scope.indexOf('/');
    String host = slash < 0 ? scope : scope.substring(0, slash);
    String path = slash < 0 ? "" : scope.substring(slash + 1);
    if (!host.equals(host.toLowerCase(Locale.ROOT)) || host.isEmpty()
        || (!host.contains(".") && !host.contains(":") && !host.equals("localhost"))) {
      throw fail(where, "a scope is registry[/repository-prefix] with the registry written "
          + "in full and lowercase (docker.io, 127.0.0.1:5000, registry.example.org)");
    }
    try {
      Reference.ofTag(host, path.isEmpty() ? "x" : path, Reference.DEFAULT_TAG);
    } catch (IllegalArgumentException e) {
      throw fail(where, "not a registry[/repository-prefix]: " + e.getMessage());
    }
  }

  private void expect(JsonToken t, JsonToken want, String where, String problem) {
    if (t != want) {
      throw fail(where, problem);
    }
  }

  private HangarException fail(String where, String problem) {
    return fail(p.currentTokenLocation(), where, problem);
  }

  private HangarException fail(JsonLocation l, String where, String problem) {
    return new HangarException(ErrorCode.SIGNATURE_POLICY_INVALID, file + ":" + l.getLineNr()
        + ":" + l.getColumnNr() + ": " + where + ": " + problem);
  }
}
