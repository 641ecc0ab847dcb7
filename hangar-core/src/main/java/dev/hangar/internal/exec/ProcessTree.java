package dev.hangar.internal.exec;

import dev.hangar.exec.ExecSettings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The processes of one exec run without a process group (the default; see
 * {@link ExecSettings#processGroups()}): the leader, its descendants, and every process that
 * holds the run's stdout or stderr pipe.
 *
 * <p>Descendants alone miss a grandchild whose parent already exited (it is reparented to init);
 * but such a grandchild still holds the run's pipes unless it redirected them, and a process
 * holding them is what keeps a call from ending. So Hangar notes the inodes of the two pipes
 * right after the start (two {@code readlink}s of {@code /proc/PID/fd/1} and {@code /2}) and,
 * only when it terminates a run, scans {@code /proc/*}{@code /fd} for their holders (a few
 * milliseconds; processes of other users are skipped). The JVM's own read ends are excluded. A
 * pipe on the leader's fd 1 or 2 is either Hangar's or one the plugin made for its own
 * children: its holders are always the plugin's processes.
 *
 * <p>Out of reach: a process that left the tree (its parent exited) and closed or redirected
 * stdout and stderr, i.e. one that detached on purpose, like a daemon; and the leftovers of a
 * leader that exited before Hangar read its pipes (it reads them right after {@code start()}
 * returns, so only a leader that forks and exits within that moment, without filling its pipe
 * buffer, escapes): the call still returns after the drain, its reader thread waits for the
 * leftover to close the pipe. A process group reaches
 * that one but misses a member that calls {@code setsid} and keeps the pipes, which this catches.
 */
final class ProcessTree {
  private static final Path PROC = Path.of("/proc");
  private static final long SELF = ProcessHandle.current().pid();

  private final ProcessHandle leader;
  private final Set<String> pipes;

  private ProcessTree(ProcessHandle leader, Set<String> pipes) {
    this.leader = leader;
    this.pipes = pipes;
  }

  /** Notes {@code leader}'s stdout and stderr pipes; call right after the start. */
  static ProcessTree of(ProcessHandle leader) {
    Set<String> pipes = new LinkedHashSet<>(2);
    for (int fd = 1; fd <= 2; fd++) {
      link(PROC.resolve(leader.pid() + "/fd/" + fd))
          .filter(l -> l.startsWith("pipe:["))
          .ifPresent(pipes::add);
    }
    return new ProcessTree(leader, Set.copyOf(pipes));
  }

  /** The pipes noted, as {@code pipe:[INODE]}. */
  Set<String> pipes() {
    return pipes;
  }

  /** The live leader, its live descendants and the live holders of the run's pipes. */
  Set<ProcessHandle> members() {
    Set<ProcessHandle> out = new LinkedHashSet<>();
    if (leader.isAlive()) {
      out.add(leader);
    }
    leader.descendants().forEach(out::add);
    for (long pid : holders()) {
      ProcessHandle.of(pid).ifPresent(out::add);
    }
    return out;
  }

  /** Pids (not this JVM's) with one of the run's pipes open. */
  List<Long> holders() {
    if (pipes.isEmpty()) {
      return List.of();
    }
    Set<Long> out = new LinkedHashSet<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path dir : procs) {
        long pid;
        try {
          pid = Long.parseLong(dir.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid != SELF && holds(dir.resolve("fd"))) {
          out.add(pid);
        }
      }
    } catch (IOException e) {
      return List.copyOf(out); // no /proc: descendants only
    }
    return List.copyOf(out);
  }

  private boolean holds(Path fds) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(fds)) {
      for (Path fd : s) {
        Optional<String> l = link(fd);
        if (l.isPresent() && pipes.contains(l.get())) {
          return true;
        }
      }
    } catch (IOException | RuntimeException e) {
      return false; // another user's process, or it exited meanwhile
    }
    return false;
  }

  private static Optional<String> link(Path p) {
    try {
      return Optional.of(Files.readSymbolicLink(p).toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
