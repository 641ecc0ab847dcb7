package dev.hangar.protocol;

import java.nio.file.Path;

/**
 * A discovery file (socket, {@code .spec} or {@code .json}) is unusable.
 *
 * @since 0.1
 */
public final class SpecFileException extends HangarException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String problem;

  /**
   * @param file the file concerned
   * @param problem what is wrong with it
   * @param cause the underlying failure, or null
   */
  public SpecFileException(Path file, String problem, Throwable cause) {
    super(ErrorCode.SPEC_INVALID, file + ": " + problem, cause);
    this.file = file;
    this.problem = problem;
  }

  /** The file concerned. */
  public Path file() {
    return file;
  }

  /** What is wrong with it, without the file name. */
  public String problem() {
    return problem;
  }
}
