package dev.hangar.internal.exec;

import dev.hangar.exec.ExecSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Process groups for exec plugin runs, when {@link ExecSettings#processGroups()} is on: starting
 * a run as the leader of its own group, and signalling the whole group.
 *
 * <p><b>Starting.</b> Java cannot call {@code setpgid}/{@code setsid} for a child. Hangar
 * starts {@code setsid -- PATH METHOD ARGS} instead ({@code setsid} from util-linux): a process
 * the JVM starts is never a group leader, so {@code setsid} does not fork, it calls
 * {@code setsid()} and execs the plugin in place: same pid, and pid == pgid == sid. The price is
 * one more {@code exec} per call: 0.5 to 0.8 ms on the benchmark machine, of which about 0.2 ms
 * is {@code setsid} loading the locale named by {@code LANG}; that is more than half of what a
 * bare {@code ProcessBuilder} start of a small script costs (see {@code bench/README.md}), far
 * over issue #4's 10 % budget, which is why process groups are off by default and runs are
 * terminated through their process tree and pipes instead ({@link ProcessTree}). Without
 * {@code setsid} installed the setting has no effect.
 *
 * <p><b>Signalling.</b> {@link #signal} runs {@code kill -s SIG -- -PGID} (procps or util-linux),
 * which is one {@code kill(-pgid, sig)} system call: the kernel signals every member at once, so
 * a member forking at that moment cannot leave an unsignalled child behind, and no pid read
 * earlier can have been reused. Scanning {@code /proc} and signalling members one by one (what
 * {@link #members} allows, and the fallback when no {@code kill} program exists) races with
 * forks and needs a loop. The spawn costs about a millisecond and happens only when Hangar
 * terminates a run (timeout, too much output, leftovers), never on the normal path.
 *
 * <p>Processes that leave the group themselves ({@code setsid}, daemons) are out of reach, as
 * they are for core0 and any other supervisor without cgroups.
 */
final class ProcessGroups {
  private static final List<String> BIN_DIRS = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");
  private static final long KILL_PROGRAM_WAIT_SECONDS = 5;

  /** The {@code setsid} program, when installed. */
  static final Optional<Path> SETSID = find("setsid");
  /** The {@code kill} program, when installed. */
  static final Optional<Path> KILL = find("kill");

  private ProcessGroups() {}

  /** The signals Hangar sends. */
  enum Signal {
    TERM,
    KILL
  }

  /** Sends {@code signal} to every process of the group {@code pgid}; a no-op for an empty one. */
  static void signal(long pgid, Signal signal) {
    if (pgid <= 1) {
      throw new IllegalArgumentException("not a process group Hangar started: " + pgid);
    }
    if (KILL.isPresent() && spawnKill(KILL.get(), pgid, signal)) {
      return;
    }
    signalMembers(pgid, signal);
  }

  private static boolean spawnKill(Path kill, long pgid, Signal signal) {
    try {
      Process p = new ProcessBuilder(kill.toString(), "-s", signal.name(), "--", "-" + pgid)
          .redirectInput(new File("/dev/null"))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(KILL_PROGRAM_WAIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return true; // a non-zero exit means "no such process": the group is empty
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The fallback: signals the members {@code /proc} lists, one by one. */
  private static void signalMembers(long pgid, Signal signal) {
    for (long pid : members(pgid)) {
      ProcessHandle.of(pid).ifPresent(h -> {
        // ProcessHandle checks the start time before signalling: a reused pid is not hit.
        if (signal == Signal.KILL) {
          h.destroyForcibly();
        } else {
          h.destroy();
        }
      });
    }
  }

  /**
   * The live (not zombie) processes whose process group is {@code pgid}, read from
   * {@code /proc/PID/stat}; empty where {@code /proc} does not exist.
   */
  static List<Long> members(long pgid) {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : procs) {
        Optional<long[]> stat = stat(dir.resolve("stat"));
        if (stat.isPresent() && stat.get()[1] == pgid && stat.get()[2] == 0) {
          out.add(stat.get()[0]);
        }
      }
    } catch (IOException e) {
      return out; // no /proc: nothing to report
    }
    return out;
  }

  /** pid, pgrp and 1 for a zombie (0 otherwise) from a {@code /proc/PID/stat} file. */
  private static Optional<long[]> stat(Path file) {
    String s;
    try {
      s = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the process exited meanwhile
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    int close = s.lastIndexOf(')');
    if (close < 0) {
      return Optional.empty();
    }
    String[] f = s.substring(close + 2).split(" ");
    try {
      long pid = Long.parseLong(s.substring(0, s.indexOf(' ')));
      return Optional.of(new long[] {pid, Long.parseLong(f[2]), "Z".equals(f[0]) ? 1 : 0});
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> find(String name) {
    for (String dir : BIN_DIRS) {
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
