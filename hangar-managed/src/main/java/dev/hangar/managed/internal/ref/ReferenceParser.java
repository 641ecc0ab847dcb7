package dev.hangar.managed.internal.ref;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;

/**
 * distribution/reference's {@code ParseNormalizedNamed} and {@code Parse} (v0.6.0, as vendored by
 * moby), with its error messages. The grammar is checked by hand rather than with the Go regular
 * expressions, so that time stays linear in the input on any string (Java's backtracking engine
 * is not RE2); {@link Grammar} holds the pieces.
 */
final class ReferenceParser {
  private static final int NAME_MAX = 255;
  private static final String DEFAULT_DOMAIN = "docker.io";
  private static final String LEGACY_DOMAIN = "index.docker.io";

  private ReferenceParser() {}

  /**
   * Go's {@code ParseNormalizedNamed}: a familiar name ({@code foo}, {@code vieux/sshfs}) or a
   * full one, with the default domain {@code docker.io} and its {@code library/} prefix filled
   * in.
   *
   * @throws HangarException {@link ErrorCode#INVALID_PLUGIN_NAME} with Go's message
   */
  static ParsedReference parseNormalized(String s) {
    if (Grammar.isFullHexId(s)) {
      throw invalid("invalid repository name (" + s
          + "), cannot specify 64-byte hexadecimal strings");
    }
    String domain;
    String remainder;
    int slash = s.indexOf('/');
    if (slash < 0) {
      domain = DEFAULT_DOMAIN;
      remainder = s;
    } else {
      String maybeDomain = s.substring(0, slash);
      if (maybeDomain.equals(LEGACY_DOMAIN)) {
        domain = DEFAULT_DOMAIN;
        remainder = s.substring(slash + 1);
      } else if (maybeDomain.equals("localhost") || maybeDomain.indexOf('.') >= 0
          || maybeDomain.indexOf(':') >= 0 || !Grammar.lower(maybeDomain).equals(maybeDomain)) {
        domain = maybeDomain;
        remainder = s.substring(slash + 1);
      } else {
        domain = DEFAULT_DOMAIN;
        remainder = s;
      }
    }
    if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
      remainder = "library/" + remainder;
    }
    int colon = remainder.indexOf(':');
    String remote = colon < 0 ? remainder : remainder.substring(0, colon);
    if (!Grammar.lower(remote).equals(remote)) {
      throw invalid("invalid reference format: repository name (" + remote
          + ") must be lowercase");
    }
    return parse(domain + "/" + remainder);
  }

  /**
   * Go's {@code Parse}: {@code name[:tag][@digest]} as written, nothing filled in.
   *
   * @throws HangarException {@link ErrorCode#INVALID_PLUGIN_NAME} with Go's message
   */
  static ParsedReference parse(String s) {
    ParsedReference ref = match(s);
    if (ref == null) {
      if (s.isEmpty()) {
        throw invalid("repository name must have at least one component");
      }
      if (match(Grammar.lower(s)) != null) {
        throw invalid("repository name must be lowercase");
      }
      throw invalid("invalid reference format");
    }
    if (ref.path().length() > NAME_MAX) {
      throw invalid("repository name must not be more than " + NAME_MAX + " characters");
    }
    if (ref.hasDigest()) {
      String problem = Grammar.digestProblem(ref.digest());
      if (problem != null) {
        throw invalid(problem);
      }
    }
    return ref;
  }

  /**
   * Go's {@code ReferenceRegexp} and {@code anchoredNameRegexp}: the parts of {@code s}, or null
   * when it does not match. {@code @} and {@code :} cannot occur in a tag or digest, and a name
   * holds {@code :} only in its domain (before the first {@code /}), so the split is unique.
   */
  private static ParsedReference match(String s) {
    int at = s.indexOf('@');
    String rest = at < 0 ? s : s.substring(0, at);
    String digest = at < 0 ? "" : s.substring(at + 1);
    if (at >= 0 && !Grammar.isDigest(digest)) {
      return null;
    }
    int colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
    String name = colon < 0 ? rest : rest.substring(0, colon);
    String tag = colon < 0 ? "" : rest.substring(colon + 1);
    if (colon >= 0 && !Grammar.isTag(tag)) {
      return null;
    }
    int slash = name.indexOf('/');
    if (slash > 0 && Grammar.isDomainAndPort(name.substring(0, slash))
        && Grammar.isRemoteName(name.substring(slash + 1))) {
      return new ParsedReference(name.substring(0, slash), name.substring(slash + 1), tag, digest);
    }
    if (Grammar.isRemoteName(name)) {
      return new ParsedReference("", name, tag, digest);
    }
    return null;
  }

  static HangarException invalid(String message) {
    return new HangarException(ErrorCode.INVALID_PLUGIN_NAME, message);
  }
}
