package dev.hangar.exec;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;

/**
 * An exec call ran and failed: a non-zero exit ({@code EXEC_FAILED}), a signal Hangar did not
 * send ({@code EXEC_KILLED}), the timeout ({@code PLUGIN_TIMEOUT}, after the whole process group
 * was terminated), or too much output ({@code OUTPUT_TOO_LARGE}).
 *
 * @since 0.1
 */
public class ExecFailedException extends HangarException {
  private static final long serialVersionUID = 1L;

  private final String domain;
  private final String method;
  private final int exitStatus;
  private final String detail;

  /**
   * @param code one of the exec call codes
   * @param domain the plugin's domain, e.g. {@code ovs}
   * @param method the method, e.g. {@code version}
   * @param exitStatus the process's exit status, or -1 when it has none (killed, timed out, not
   *     started)
   * @param detail the level-20 text the plugin wrote, else the last lines of its stderr, else a
   *     description
   * @param cause the underlying failure, or null
   */
  public ExecFailedException(
      ErrorCode code, String domain, String method, int exitStatus, String detail,
      Throwable cause) {
    super(code, "exec plugin " + domain + ": " + domain + "." + method + ": " + detail, cause);
    this.domain = domain;
    this.method = method;
    this.exitStatus = exitStatus;
    this.detail = detail;
  }

  /** The plugin's domain. */
  public String domain() {
    return domain;
  }

  /** The method. */
  public String method() {
    return method;
  }

  /** The exit status, or -1 when the process has none. */
  public int exitStatus() {
    return exitStatus;
  }

  /** The plugin's error text, or a description. */
  public String detail() {
    return detail;
  }
}
