package dev.hangar.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The managed plugins' processes as {@code /proc} shows them, wherever they run: inside a
 * container the plugin is pid 1 of its namespace, but the host sees its command line.
 */
final class PluginProcesses {
  private PluginProcesses() {}

  /** {@code <pid> <cmdline>} of a process, for messages. */
  static String describe(ProcessHandle p) {
    return p.pid() + " " + cmdline(p.pid()).map(a -> String.join(" ", a)).orElse("(gone)");
  }

  /**
   * Every process on this machine whose command line starts with {@code /bin/goplugin}: the
   * plugins of the managed-plugin tests, whatever runs them (read from {@code /proc}).
   */
  static List<ProcessHandle> list() {
    try (Stream<Path> s = Files.list(Path.of("/proc"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
          .map(Long::parseLong)
          .filter(pid -> cmdline(pid).filter(a -> a.get(0).equals("/bin/goplugin")).isPresent())
          .flatMap(pid -> ProcessHandle.of(pid).stream())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing /proc", e);
    }
  }

  /**
   * The {@link #list} processes run from under one of {@code dirs}: those whose parent (the
   * {@code runc run} that started them, which stays their parent even when the daemon is gone)
   * has an argument in one of them ({@code --root}, {@code --bundle}). Tests running elsewhere
   * on this machine at the same time are not counted.
   */
  static List<ProcessHandle> under(List<Path> dirs) {
    List<String> prefixes =
        dirs.stream().map(d -> d.toAbsolutePath().normalize() + "/").toList();
    return list().stream().filter(p -> p.parent().flatMap(pp -> cmdline(pp.pid()))
        .filter(args -> args.stream().anyMatch(a -> prefixes.stream().anyMatch(a::startsWith)))
        .isPresent()).toList();
  }

  /** The arguments of process {@code pid}, if it still exists and has any. */
  static Optional<List<String>> cmdline(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      if (raw.length == 0) {
        return Optional.empty();
      }
      String s = new String(raw, StandardCharsets.UTF_8);
      return Optional.of(List.of(s.split("\0")));
    } catch (IOException gone) {
      return Optional.empty();
    }
  }
}
