package dev.hangar.internal.exec;

import dev.hangar.exec.ExecDomain;
import dev.hangar.exec.ExecFailedException;
import dev.hangar.exec.ExecResult;
import dev.hangar.exec.ExecSettings;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.lang.System.Logger;
import java.util.Objects;

/**
 * Runs exec plugin calls the core0 way: one process per call, {@code argv = [path, method,
 * argsJson]}, nothing on stdin, the answer in core0's framed output (see {@link FrameParser}).
 *
 * <p>One call, in order:
 * <ol>
 *   <li>A method {@code d} does not export is refused with {@code METHOD_NOT_FOUND}; no process
 *       is started and no permit taken.
 *   <li>The caller waits for its turn: its domain's queue when {@code queue = true} (one call at
 *       a time, in arrival order), then the host-wide limit {@link ExecSettings#concurrency()}
 *       (in arrival order); see {@link ExecLimiter}. It keeps both for all runs of the call.
 *   <li>Before every run: the executable's SHA-256 is checked when the domain declares one
 *       ({@code DIGEST_MISMATCH}, see {@link BinaryDigest}). A missing or not executable file
 *       fails the start with {@code EXEC_FAILED}, exit -1, saying which.
 *   <li>The run ({@link ExecProcess}): environment {@code PATH}, {@code HOME}, {@code LANG} from
 *       the host plus the domain's {@code env} ({@link ExecEnvironment}); working directory the
 *       executable's directory; output capped at {@link ExecSettings#outputCap()};
 *       terminated (TERM, {@link ExecSettings#termGrace()}, KILL, to the run's process tree and
 *       pipe holders, or to its process group with {@link ExecSettings#processGroups()}) after
 *       the domain's timeout, which applies to each run. A run that times out returns after at
 *       most timeout + 3 x termGrace + 1 s, even when it leaves processes Hangar cannot reach.
 *   <li>Its outcome ({@link ExecOutcome}): exit 0 gives the last result message (JSON parsed,
 *       other kinds as text, none as {@link ExecResult.None}); a failure throws
 *       {@link ExecFailedException}.
 *   <li>A run that failed with {@code EXEC_FAILED}, {@code EXEC_KILLED} or
 *       {@code PLUGIN_TIMEOUT} is run again, up to the domain's {@code max_restart} times (core0
 *       re-runs failed jobs); the last failure is thrown with the earlier ones suppressed. Too
 *       much output, a wrong digest and a bad result are not retried: running the same bytes
 *       again gives the same answer.
 * </ol>
 *
 * <p>Arguments: {@code argsJson} is passed as argv[2] untouched (not validated: the plugin
 * parses it, as under core0); null or blank becomes {@code {}}, what core0's clients send for a
 * command without arguments. Arguments of {@link #MAX_ARGS_BYTES} bytes or more (UTF-8) are
 * refused with {@code USAGE} before anything starts: Linux refuses such an argv string.
 *
 * <p>Thread-safe; calls from many threads run concurrently within the limits. An interrupted
 * caller stops waiting (or has its run killed) and gets {@code EXEC_FAILED} with its interrupt
 * flag set; no permit leaks.
 */
public final class ExecRunner {
  private static final Logger LOG = System.getLogger("dev.hangar.exec");
  /**
   * Linux's limit on one argument string, its terminating NUL included ({@code MAX_ARG_STRLEN},
   * 32 pages): larger arguments would fail the start with E2BIG, so they are refused first.
   */
  static final int MAX_ARGS_BYTES = 128 * 1024;

  private final ExecSettings settings;
  private final ExecLimiter limiter;
  private final ExecEnvironment environment;
  private final BinaryDigest digests = new BinaryDigest();

  /** A runner with these settings and the host's environment. */
  public ExecRunner(ExecSettings settings) {
    this(settings, new ExecEnvironment());
  }

  ExecRunner(ExecSettings settings, ExecEnvironment environment) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.limiter = new ExecLimiter(settings.concurrency());
    this.environment = environment;
  }

  /** The settings. */
  public ExecSettings settings() {
    return settings;
  }

  /**
   * Calls {@code d.method(argsJson)}.
   *
   * @param argsJson the JSON arguments, passed untouched as argv[2]; null or blank means
   *     {@code {}}
   * @return the plugin's result
   * @throws HangarException {@code METHOD_NOT_FOUND} for a method {@code d} does not export,
   *     {@code USAGE} for arguments of {@link #MAX_ARGS_BYTES} bytes or more,
   *     {@code DIGEST_MISMATCH} when the executable's SHA-256 differs from the declared one
   * @throws ExecFailedException {@code EXEC_FAILED} (non-zero exit, cannot start, interrupted),
   *     {@code EXEC_KILLED}, {@code PLUGIN_TIMEOUT}, {@code OUTPUT_TOO_LARGE}, or
   *     {@code PROTOCOL_ERROR} (exit 0 with a level-20 result that is not JSON)
   */
  public ExecResult call(ExecDomain d, String method, String argsJson) {
    Objects.requireNonNull(d, "d");
    Objects.requireNonNull(method, "method");
    if (!d.exports(method)) {
      throw new HangarException(ErrorCode.METHOD_NOT_FOUND, "exec plugin " + d.name() + ": "
          + d.name() + "." + method + " is not exported by " + d.source() + " (exports: "
          + String.join(", ", d.exports()) + ")");
    }
    String args = argsJson == null || argsJson.isBlank() ? "{}" : argsJson;
    int bytes = args.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes >= MAX_ARGS_BYTES) {
      throw new HangarException(ErrorCode.USAGE, "exec plugin " + d.name() + ": " + d.name()
          + "." + method + ": the arguments are " + bytes + " bytes; they are passed as one "
          + "command-line argument (argv[2], as core0 does), which Linux limits to "
          + (MAX_ARGS_BYTES - 1) + " bytes");
    }
    ExecLimiter.Permit permit;
    try {
      permit = limiter.acquire(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecFailedException(ErrorCode.EXEC_FAILED, d.name(), method, -1,
          "interrupted while waiting for its turn", e);
    }
    try (permit) {
      ExecFailedException previous = null;
      for (int run = 0; ; run++) {
        try {
          return runOnce(d, method, args);
        } catch (ExecFailedException e) {
          if (previous != null) {
            e.addSuppressed(previous);
          }
          if (run >= d.maxRestart() || !restartable(e)
              || Thread.currentThread().isInterrupted()) {
            throw e;
          }
          LOG.log(Logger.Level.WARNING, "exec plugin " + d.name() + "." + method + ": "
              + e.detail() + "; running it again (restart " + (run + 1) + " of "
              + d.maxRestart() + ")");
          previous = e;
        }
      }
    }
  }

  private ExecResult runOnce(ExecDomain d, String method, String args) {
    digests.check(d, method);
    ExecProcess p = ExecProcess.start(d, method, args, settings, environment);
    ExecOutcome outcome;
    try {
      outcome = p.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecFailedException(ErrorCode.EXEC_FAILED, d.name(), method, -1,
          "interrupted; its processes were killed", e);
    }
    return outcome.toResult(d.name(), method, d.timeout(), settings);
  }

  private static boolean restartable(ExecFailedException e) {
    ErrorCode c = e.code();
    return c == ErrorCode.EXEC_FAILED || c == ErrorCode.EXEC_KILLED
        || c == ErrorCode.PLUGIN_TIMEOUT;
  }

  /** Callers waiting in {@code domain}'s queue. For tests. */
  int waitingInQueue(String domain) {
    return limiter.waitingInQueue(domain);
  }

  /** Callers waiting for a host-wide permit. For tests. */
  int waitingForHost() {
    return limiter.waitingForHost();
  }
}
