package dev.hangar.internal.jar;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;

/** Why one JAR plugin was refused; the message names the file. */
final class LoadException extends HangarException {
  private static final long serialVersionUID = 1L;

  private LoadException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }

  static LoadException failed(String message) {
    return new LoadException(ErrorCode.PLUGIN_LOAD_FAILED, message, null);
  }

  static LoadException failed(String message, Throwable cause) {
    return new LoadException(ErrorCode.PLUGIN_LOAD_FAILED, message, cause);
  }

  static LoadException apiVersion(String message) {
    return new LoadException(ErrorCode.API_VERSION_MISMATCH, message, null);
  }
}
