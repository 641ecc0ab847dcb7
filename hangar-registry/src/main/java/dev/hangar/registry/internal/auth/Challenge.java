package dev.hangar.registry.internal.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235), such as
 * {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"}.
 *
 * @param scheme the scheme, lowercase ({@code bearer}, {@code basic})
 * @param params the parameters, names lowercase, values unquoted
 */
public record Challenge(String scheme, Map<String, String> params) {
  /**
   * @param scheme the scheme
   * @param params the parameters
   */
  public Challenge {
    params = Map.copyOf(params);
  }

  /** A parameter. */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /**
   * Parses every challenge in the header values.
   *
   * @param headerValues the values of every {@code WWW-Authenticate} header
   * @return the challenges, in order; unparseable parts are skipped
   */
  public static List<Challenge> parse(List<String> headerValues) {
    List<Challenge> out = new ArrayList<>();
    for (String v : headerValues) {
      new Parser(v).all(out);
    }
    return out;
  }

  /** The first challenge of {@code scheme}. */
  public static Optional<Challenge> first(List<Challenge> all, String scheme) {
    return all.stream().filter(c -> c.scheme.equals(scheme)).findFirst();
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    void all(List<Challenge> out) {
      while (true) {
        skip(" \t,");
        String scheme = token();
        if (scheme.isEmpty()) {
          return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
          skip(" \t");
          int mark = i;
          String name = token();
          skip(" \t");
          if (name.isEmpty() || i >= s.length() || s.charAt(i) != '=') {
            i = mark;
            break;
          }
          i++;
          skip(" \t");
          String value = i < s.length() && s.charAt(i) == '"' ? quoted() : token();
          params.put(name.toLowerCase(Locale.ROOT), value);
          skip(" \t");
          if (i < s.length() && s.charAt(i) == ',') {
            i++;
          } else {
            break;
          }
        }
        out.add(new Challenge(scheme.toLowerCase(Locale.ROOT), params));
        if (i >= s.length()) {
          return;
        }
      }
    }

    private void skip(String chars) {
      while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }

    private String token() {
      int start = i;
      while (i < s.length() && " \t,=\"".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      return s.substring(start, i);
    }

    private String quoted() {
      StringBuilder b = new StringBuilder();
      i++;
      while (i < s.length() && s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\' && i < s.length()) {
          c = s.charAt(i++);
        }
        b.append(c);
      }
      i++;
      return b.toString();
    }
  }
}
