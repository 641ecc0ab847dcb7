package dev.hangar.internal.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The installed exec bundles of a parent directory: its visible subdirectories, by name. */
final class Bundles {
  private Bundles() {}

  /**
   * The bundle directories of {@code parent}, absolute and in name order; none when it is
   * missing or cannot be listed (an installed bundle then stays unseen until it can).
   */
  static List<Path> of(Path parent) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
      for (Path p : ds) {
        if (!p.getFileName().toString().startsWith(".") && Files.isDirectory(p)) {
          out.add(p.toAbsolutePath().normalize());
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    out.sort(null);
    return out;
  }
}
