package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code filters} query parameter, as moby's {@code filters.Args}: a map from key to a set of
 * values, each value mapped to a boolean. A key may be present with no values.
 *
 * <p>Parsing ({@code filters.FromJSON}): empty means none; otherwise the JSON must be an object
 * of objects of booleans ({@code {"enabled":{"true":true}}}), or else the legacy object of string
 * arrays ({@code {"enabled":["true"]}}); anything else is 400 {@code invalid filter}.
 */
final class Filters {
  private static final ObjectReader READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Key to (value to flag); a null value map is a key given as JSON null. */
  private final Map<String, Map<String, Boolean>> fields;

  private Filters(Map<String, Map<String, Boolean>> fields) {
    this.fields = fields;
  }

  /** No filters. */
  static final Filters NONE = new Filters(Map.of());

  /**
   * Parses {@code filters}.
   *
   * @throws HangarException USAGE {@code invalid filter} when it is neither form
   */
  static Filters parse(String json) {
    if (json == null || json.isEmpty()) {
      return NONE;
    }
    JsonNode root;
    try {
      root = READER.readTree(json);
    } catch (JacksonException e) {
      throw invalid("invalid filter");
    }
    if (root != null && root.isNull()) {
      return NONE;
    }
    if (root == null || !root.isObject()) {
      throw invalid("invalid filter");
    }
    Map<String, Map<String, Boolean>> current = new LinkedHashMap<>();
    if (readCurrent(root, current)) {
      return new Filters(current);
    }
    Map<String, Map<String, Boolean>> legacy = new LinkedHashMap<>();
    if (readLegacy(root, legacy)) {
      return new Filters(legacy);
    }
    throw invalid("invalid filter");
  }

  /** {@code map[string]map[string]bool}; false when a value is of another type. */
  private static boolean readCurrent(JsonNode root, Map<String, Map<String, Boolean>> out) {
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode v = e.getValue();
      if (v.isNull()) {
        out.put(e.getKey(), null);
        continue;
      }
      if (!v.isObject()) {
        return false;
      }
      Map<String, Boolean> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> b : v.properties()) {
        if (!b.getValue().isBoolean() && !b.getValue().isNull()) {
          return false;
        }
        values.put(b.getKey(), b.getValue().asBoolean(false));
      }
      out.put(e.getKey(), values);
    }
    return true;
  }

  /** {@code map[string][]string}, each string a value set to true. */
  private static boolean readLegacy(JsonNode root, Map<String, Map<String, Boolean>> out) {
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode v = e.getValue();
      Map<String, Boolean> values = new LinkedHashMap<>();
      if (!v.isNull()) {
        if (!v.isArray()) {
          return false;
        }
        for (JsonNode s : v) {
          if (!s.isTextual() && !s.isNull()) {
            return false;
          }
          values.put(s.isNull() ? "" : s.asText(), true);
        }
      }
      out.put(e.getKey(), values);
    }
    return true;
  }

  /**
   * {@code Validate}: every key must be accepted.
   *
   * @throws HangarException USAGE {@code invalid filter '<key>'} for the first other key
   */
  void validate(Set<String> accepted) {
    for (String k : fields.keySet()) {
      if (!accepted.contains(k)) {
        throw invalid("invalid filter '" + k + "'");
      }
    }
  }

  /** Whether {@code key} is present, even without values. */
  boolean contains(String key) {
    return fields.containsKey(key);
  }

  /** Whether no key is present. */
  boolean isEmpty() {
    return fields.isEmpty();
  }

  /**
   * {@code GetBoolOrDefault}: {@code dflt} when absent; true for {@code true} or {@code 1}, false
   * for {@code false} or {@code 0}.
   *
   * @throws HangarException USAGE {@code invalid filter '<key>'} without values, or
   *     {@code invalid filter '<key>=[<values>]'} when neither or both are given
   */
  boolean bool(String key, boolean dflt) {
    if (!fields.containsKey(key)) {
      return dflt;
    }
    Map<String, Boolean> v = values(key);
    if (v.isEmpty()) {
      throw invalid("invalid filter '" + key + "'");
    }
    boolean isFalse = flag(v, "0") || flag(v, "false");
    boolean isTrue = flag(v, "1") || flag(v, "true");
    if (isFalse == isTrue) {
      throw invalid("invalid filter '" + key + "=[" + String.join(" ", new TreeSet<>(v.keySet()))
          + "]'");
    }
    return isTrue;
  }

  /** {@code ExactMatch}: true when the key has no values, else when {@code source} is one. */
  boolean exactMatch(String key, String source) {
    Map<String, Boolean> v = values(key);
    return v.isEmpty() || flag(v, source);
  }

  /**
   * {@code Match}: an exact match, or a value that is a regexp found in {@code source}.
   *
   * <p>Go's regexps match in linear time; Java's backtrack, and a filter such as
   * {@code (.?.?.?.?){12}x} would take hours on a twelve-letter name. A match may read
   * {@link #MAX_REGEXP_READS} characters; a regexp that needs more is refused.
   *
   * @throws HangarException USAGE {@code invalid filter '<key>=<value>': regular expression too
   *     costly to match}
   */
  boolean match(String key, String source) {
    if (exactMatch(key, source)) {
      return true;
    }
    for (String re : values(key).keySet()) {
      Pattern p;
      try {
        p = Pattern.compile(re);
      } catch (PatternSyntaxException e) {
        continue; // moby skips a value that is not a valid regexp.
      }
      try {
        if (p.matcher(new CountedChars(source)).find()) {
          return true;
        }
      } catch (CountedChars.Exhausted e) {
        throw invalid("invalid filter '" + key + "=" + re
            + "': regular expression too costly to match");
      }
    }
    return false;
  }

  /** The most characters one regexp match may read (linear matching reads each a few times). */
  static final int MAX_REGEXP_READS = 1_000_000;

  /** A string that throws once {@link #MAX_REGEXP_READS} characters were read from it. */
  private static final class CountedChars implements CharSequence {
    private final String s;
    private int reads;

    CountedChars(String s) {
      this.s = s;
    }

    @Override
    public char charAt(int index) {
      if (++reads > MAX_REGEXP_READS) {
        throw new Exhausted();
      }
      return s.charAt(index);
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return s.subSequence(start, end);
    }

    @Override
    public String toString() {
      return s;
    }

    /** The budget is spent; no stack trace, it is caught at once. */
    static final class Exhausted extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Exhausted() {
        super(null, null, false, false);
      }
    }
  }

  /** {@code FuzzyMatch}: an exact match, or a value that is a prefix of {@code source}. */
  boolean fuzzyMatch(String key, String source) {
    if (exactMatch(key, source)) {
      return true;
    }
    return values(key).keySet().stream().anyMatch(source::startsWith);
  }

  /**
   * {@code MatchKVList}: true without values; else every value {@code k} or {@code k=v} must be
   * in {@code attributes}.
   */
  boolean matchKeyValues(String key, Map<String, String> attributes) {
    Map<String, Boolean> v = values(key);
    if (v.isEmpty()) {
      return true;
    }
    if (attributes.isEmpty()) {
      return false;
    }
    for (String kv : v.keySet()) {
      int eq = kv.indexOf('=');
      String k = eq < 0 ? kv : kv.substring(0, eq);
      String have = attributes.get(k);
      if (have == null || (eq >= 0 && !kv.substring(eq + 1).equals(have))) {
        return false;
      }
    }
    return true;
  }

  /** The values of {@code key} (with their flags), empty when absent. */
  Set<String> get(String key) {
    return Collections.unmodifiableSet(values(key).keySet());
  }

  private Map<String, Boolean> values(String key) {
    Map<String, Boolean> v = fields.get(key);
    return v == null ? Map.of() : v;
  }

  private static boolean flag(Map<String, Boolean> v, String value) {
    return Boolean.TRUE.equals(v.get(value));
  }

  private static HangarException invalid(String message) {
    return new HangarException(ErrorCode.USAGE, message);
  }
}
