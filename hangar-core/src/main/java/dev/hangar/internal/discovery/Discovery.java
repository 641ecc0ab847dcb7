package dev.hangar.internal.discovery;

import dev.hangar.DiscoveredPlugin;
import dev.hangar.DiscoveredPlugin.Kind;
import dev.hangar.DiscoveryDirs;
import dev.hangar.ScanResult;
import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.PluginNotFoundException;
import dev.hangar.protocol.SpecFileException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds plugins in socket and spec directories, in Docker's lookup order: for each socket
 * directory {@code name.sock} then {@code name/name.sock} (sockets only; other files are skipped),
 * then for each spec directory {@code name.spec}, {@code name/name.spec}, {@code name.json},
 * {@code name/name.json}. The first existing candidate decides: when it is unusable, the lookup
 * fails naming it rather than falling through to a later one. Thread-safe and stateless: every
 * call reads the file system afresh.
 */
public final class Discovery {
  static final String SOCK = ".sock";
  static final String SPEC = ".spec";
  static final String JSON = ".json";

  private final DiscoveryDirs dirs;

  /** @param dirs the directories to search */
  public Discovery(DiscoveryDirs dirs) {
    this.dirs = Objects.requireNonNull(dirs, "dirs");
  }

  /** The directories searched. */
  public DiscoveryDirs dirs() {
    return dirs;
  }

  /**
   * Looks a plugin up by name.
   *
   * @throws dev.hangar.protocol.HangarException INVALID_PLUGIN_NAME for a bad name
   * @throws PluginNotFoundException when no candidate exists
   * @throws SpecFileException when the first candidate is unusable
   */
  public DiscoveredPlugin lookup(String name) {
    return find(name).orElseThrow(() -> new PluginNotFoundException(name));
  }

  /** {@link #lookup} returning empty instead of throwing {@link PluginNotFoundException}. */
  public Optional<DiscoveredPlugin> find(String name) {
    PluginNames.validate(name);
    for (Path dir : dirs.socketDirs()) {
      for (Path p : List.of(dir.resolve(name + SOCK), dir.resolve(name).resolve(name + SOCK))) {
        if (isSocket(p)) {
          return Optional.of(new DiscoveredPlugin(name, socketAddress(p), p, Kind.SOCKET));
        }
      }
    }
    for (Path dir : dirs.specDirs()) {
      for (Kind kind : List.of(Kind.SPEC, Kind.JSON)) {
        String ext = kind == Kind.SPEC ? SPEC : JSON;
        for (Path p : List.of(dir.resolve(name + ext), dir.resolve(name).resolve(name + ext))) {
          if (exists(p)) {
            return Optional.of(new DiscoveredPlugin(name, read(p, kind), p, kind));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Lists every plugin in every directory, one per name (the one {@link #lookup} would return),
   * sorted by name. Missing directories are skipped; an unreadable directory, an unusable file and
   * a file whose name is not a valid plugin name each become a problem, and never hide the rest.
   */
  public ScanResult scan() {
    List<SpecFileException> problems = new ArrayList<>();
    TreeMap<String, Path> names = new TreeMap<>();
    for (Path dir : dirs.socketDirs()) {
      collect(dir, List.of(SOCK), true, names, problems);
    }
    for (Path dir : dirs.specDirs()) {
      collect(dir, List.of(SPEC, JSON), false, names, problems);
    }
    List<DiscoveredPlugin> plugins = new ArrayList<>();
    names.forEach((name, file) -> {
      if (!PluginNames.isValid(name)) {
        problems.add(new SpecFileException(file,
            "the file name does not give a valid plugin name: " + PluginNames.problem(name), null));
        return;
      }
      try {
        find(name).ifPresent(plugins::add);
      } catch (SpecFileException e) {
        problems.add(e);
      }
    });
    return new ScanResult(plugins, problems);
  }

  /** Adds the plugin names found in {@code dir}, each with the first file that gave it. */
  private static void collect(Path dir, List<String> exts, boolean sockets,
      TreeMap<String, Path> names, List<SpecFileException> problems) {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(entries::add);
    } catch (NoSuchFileException e) {
      return;
    } catch (NotDirectoryException e) {
      problems.add(new SpecFileException(dir, "is not a directory", e));
      return;
    } catch (IOException e) {
      problems.add(new SpecFileException(dir, "directory cannot be read: "
          + SpecFiles.describe(e), e));
      return;
    }
    entries.sort(null);
    for (Path entry : entries) {
      try {
        collectEntry(entry, exts, sockets, names);
      } catch (SpecFileException e) {
        problems.add(e);
      }
    }
  }

  private static void collectEntry(Path entry, List<String> exts, boolean sockets,
      TreeMap<String, Path> names) {
    String file = entry.getFileName().toString();
    if (Files.isDirectory(entry)) {
      for (String ext : exts) {
        Path nested = entry.resolve(file + ext);
        if (sockets ? isSocket(nested) : exists(nested)) {
          names.putIfAbsent(file, nested);
          break;
        }
      }
      if (sockets) {
        return;
      }
      // else a directory named like a spec file: the lookup will say it cannot be read
    }
    for (String ext : exts) {
      if (file.endsWith(ext) && file.length() > ext.length() && (!sockets || isSocket(entry))) {
        names.putIfAbsent(file.substring(0, file.length() - ext.length()), entry);
      }
    }
  }

  private static PluginAddress read(Path p, Kind kind) {
    return kind == Kind.SPEC ? SpecFiles.readSpec(p) : SpecFiles.readJson(p);
  }

  private static PluginAddress socketAddress(Path p) {
    try {
      return new PluginAddress.Unix(p);
    } catch (IllegalArgumentException e) {
      throw new SpecFileException(p, e.getMessage(), e);
    }
  }

  /** Whether {@code p} exists (following links); an I/O error other than absence is a problem. */
  static boolean exists(Path p) {
    try {
      Files.readAttributes(p, BasicFileAttributes.class);
      return true;
    } catch (NoSuchFileException | NotDirectoryException e) {
      return false;
    } catch (IOException e) {
      throw SpecFiles.unreadable(p, e);
    }
  }

  /** Whether {@code p} is a unix socket (following links). */
  static boolean isSocket(Path p) {
    try {
      Object mode = Files.readAttributes(p, "unix:mode").get("mode");
      return mode instanceof Integer m && (m & S_IFMT) == S_IFSOCK;
    } catch (NoSuchFileException | NotDirectoryException e) {
      return false;
    } catch (IOException e) {
      throw SpecFiles.unreadable(p, e);
    } catch (UnsupportedOperationException e) {
      return false; // no unix attributes: no unix sockets either
    }
  }

  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
}
