package dev.hangar.examples.d7yfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The options of the d7yfs plugin, from the {@code .properties} file beside its JAR.
 *
 * @param root the directory served: {@code d7yfs://host:port/a/b} maps to {@code root/a/b}
 * @param host when present, the only host (with {@code :port} when it has one) a URL may name;
 *     absent, the URL's host and port are ignored
 */
record D7yfsOptions(Path root, Optional<String> host) {

  /** The option naming the served directory (required). */
  static final String ROOT = "root";
  /**
   * The option restricting the URL's authority, e.g. {@code localhost} or
   * {@code localhost:56001}.
   */
  static final String HOST = "host";

  /**
   * Reads the options.
   *
   * @throws IllegalArgumentException when {@code root} is missing or not a directory
   */
  static D7yfsOptions parse(Map<String, String> options) {
    String rootText = options.get(ROOT);
    if (rootText == null || rootText.isBlank()) {
      throw new IllegalArgumentException(
          "d7yfs: option 'root' is required (the directory to serve); put root=/some/dir in"
              + " d7y-resource-plugin-d7yfs.properties beside the JAR");
    }
    Path root;
    try {
      root = Path.of(rootText.strip()).toAbsolutePath().normalize();
      if (!Files.isDirectory(root)) {
        throw new IllegalArgumentException("d7yfs: option 'root' is not a directory: " + root);
      }
      root = root.toRealPath();
    } catch (InvalidPathException | IOException e) {
      throw new IllegalArgumentException("d7yfs: option 'root' is not a usable directory: "
          + rootText, e);
    }
    String host = options.get(HOST);
    return new D7yfsOptions(root,
        host == null || host.isBlank() ? Optional.empty() : Optional.of(host.strip()));
  }
}
