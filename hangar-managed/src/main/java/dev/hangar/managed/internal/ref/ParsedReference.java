package dev.hangar.managed.internal.ref;

/**
 * A parsed image or plugin reference, the fields of distribution/reference's {@code reference}.
 *
 * @param domain the registry, e.g. {@code docker.io} or {@code localhost:5000}; empty when the
 *     name has none (only for names that {@code ParseNormalizedNamed} could not give one to, such
 *     as {@code foo_bar.com/x})
 * @param path the repository path, e.g. {@code library/foo}
 * @param tag the tag, or empty
 * @param digest the digest, e.g. {@code sha256:…}, or empty
 */
record ParsedReference(String domain, String path, String tag, String digest) {
  private static final String DEFAULT_DOMAIN = "docker.io";
  private static final String OFFICIAL_PREFIX = "library/";
  private static final String DEFAULT_TAG = "latest";

  boolean hasTag() {
    return !tag.isEmpty();
  }

  boolean hasDigest() {
    return !digest.isEmpty();
  }

  /** {@code domain/path}, or just the path when there is no domain. */
  String name() {
    return domain.isEmpty() ? path : domain + "/" + path;
  }

  /** Go's {@code TagNameOnly}: adds {@code :latest} when there is neither tag nor digest. */
  ParsedReference tagNameOnly() {
    return hasTag() || hasDigest() ? this : new ParsedReference(domain, path, DEFAULT_TAG, "");
  }

  /** Go's {@code TrimNamed} followed by {@code WithDigest}: drops the tag, keeps the digest. */
  ParsedReference withoutTag() {
    return new ParsedReference(domain, path, "", digest);
  }

  /**
   * Go's {@code Familiar()}: {@code docker.io} is dropped, and so is {@code library/} when one
   * component follows it.
   */
  ParsedReference familiar() {
    if (!domain.equals(DEFAULT_DOMAIN)) {
      return this;
    }
    String p = path;
    if (p.startsWith(OFFICIAL_PREFIX) && p.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
      p = p.substring(OFFICIAL_PREFIX.length());
    }
    return new ParsedReference("", p, tag, digest);
  }

  /** Go's {@code String()}: {@code name[:tag][@digest]}. */
  @Override
  public String toString() {
    return name() + (hasTag() ? ":" + tag : "") + (hasDigest() ? "@" + digest : "");
  }
}
