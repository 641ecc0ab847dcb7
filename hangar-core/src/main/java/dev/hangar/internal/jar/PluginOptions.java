package dev.hangar.internal.jar;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The default options of a JAR plugin: the {@code .properties} file beside it (UTF-8). */
final class PluginOptions {
  private PluginOptions() {}

  /**
   * Reads {@code x.properties} beside {@code x.jar}.
   *
   * @return its entries, or an empty map when there is no such file
   * @throws LoadException when it exists but cannot be read or parsed
   */
  static Map<String, String> besideJar(Path jar) {
    return read(jar, jar.resolveSibling(DirScan.optionsName(jar)));
  }

  /**
   * Reads the options file {@code props} of {@code jar}.
   *
   * @return its entries, or an empty map when there is no such file
   * @throws LoadException when it exists but cannot be read or parsed
   */
  static Map<String, String> read(Path jar, Path props) {
    if (Files.exists(props) && !Files.isRegularFile(props)) {
      // a FIFO or a device: opening it could block for ever
      throw LoadException.failed(jar.getFileName() + ": its options file " + props.getFileName()
          + " is not a regular file");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException | IllegalArgumentException e) {
      throw LoadException.failed(jar.getFileName() + ": its options file " + props.getFileName()
          + " could not be read: " + e.getMessage(), e);
    }
    Map<String, String> out = new HashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return Map.copyOf(out);
  }
}
