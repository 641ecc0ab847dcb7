package dev.hangar.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request exactly as a {@link RawPluginServer} received it.
 *
 * @param connection which accepted connection carried it (0 for the first)
 * @param sequence its position among the requests on that connection (0 for the first)
 * @param head the raw bytes of the request line and headers, through the empty line
 * @param requestLine the request line, e.g. {@code POST /Plugin.Activate HTTP/1.1}
 * @param headers the header lines in the order sent, as name and value (value trimmed)
 * @param body the body (chunked encoding removed), or its first {@code recordLimit} bytes
 * @param bodyLength the full body length, also when only part of it was kept
 * @param bodyCrc32 the CRC-32 of the full body
 * @param chunked whether the body came with {@code Transfer-Encoding: chunked}
 * @since 0.1
 */
public record RecordedRequest(int connection, int sequence, byte[] head, String requestLine,
    List<Map.Entry<String, String>> headers, byte[] body, long bodyLength, long bodyCrc32,
    boolean chunked) {

  /** Copies the lists. */
  public RecordedRequest {
    headers = List.copyOf(headers);
  }

  /** The method of the request line, e.g. {@code POST}. */
  public String method() {
    return requestLine.split(" ", 3)[0];
  }

  /** The target of the request line, e.g. {@code /VolumeDriver.Create}. */
  public String target() {
    String[] parts = requestLine.split(" ", 3);
    return parts.length > 1 ? parts[1] : "";
  }

  /** The first header of that name (case-insensitive). */
  public Optional<String> header(String name) {
    return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue).findFirst();
  }

  /** The header names in the order sent. */
  public List<String> headerNames() {
    return headers.stream().map(Map.Entry::getKey).toList();
  }

  /** The head as text (ISO-8859-1). */
  public String headText() {
    return new String(head, StandardCharsets.ISO_8859_1);
  }

  /** The recorded body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Whether the whole body was kept in {@link #body()}. */
  public boolean bodyComplete() {
    return body.length == bodyLength;
  }
}
