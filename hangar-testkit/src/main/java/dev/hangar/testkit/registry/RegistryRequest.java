package dev.hangar.testkit.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request a {@link RegistryServer} answered, read from its {@code response completed} log
 * line (logrus text format, as Debian's registry 2.8 writes it).
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param uri the request URI, e.g. {@code /v2/team/mem/blobs/sha256:...}
 * @param client the client's IP address (without its port)
 * @param status the response status
 * @since 0.1
 */
public record RegistryRequest(String method, String uri, String client, int status) {
  private static final Pattern METHOD = Pattern.compile(" http\\.request\\.method=(\\S+)");
  private static final Pattern URI = Pattern.compile(" http\\.request\\.uri=\"?([^\" ]+)");
  private static final Pattern CLIENT =
      Pattern.compile(" http\\.request\\.remoteaddr=\"?([^\" ]+):\\d+\"?");
  private static final Pattern STATUS = Pattern.compile(" http\\.response\\.status=(\\d+)");

  /** Checks that every part is present. */
  public RegistryRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(client, "client");
  }

  /**
   * The request a log line records, if it is a {@code response completed} line.
   *
   * @param line one line of the registry's log
   * @return the request, or empty for any other line
   */
  public static Optional<RegistryRequest> parse(String line) {
    if (!line.contains("msg=\"response completed")) {
      return Optional.empty();
    }
    Matcher m = METHOD.matcher(line);
    Matcher u = URI.matcher(line);
    Matcher c = CLIENT.matcher(line);
    Matcher s = STATUS.matcher(line);
    if (!m.find() || !u.find() || !c.find() || !s.find()) {
      return Optional.empty();
    }
    return Optional.of(new RegistryRequest(m.group(1), u.group(1), c.group(1),
        Integer.parseInt(s.group(1))));
  }

  /** Whether this fetched (GET) the blob {@code sha256:<hex>}. */
  public boolean getsBlob(String hex) {
    return method.equals("GET") && uri.endsWith("/blobs/sha256:" + hex);
  }
}
