package dev.hangar.daemon.client;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body written as it is sent (with chunked encoding), e.g. a tar built from a
 * directory while it is uploaded.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface RequestBody {
  /**
   * Writes the whole body to {@code out}. Must not close {@code out}.
   *
   * @throws IOException when the body's source fails (reported as IO_ERROR, naming it), or
   *     when {@code out} does (the connection broke)
   */
  void writeTo(OutputStream out) throws IOException;
}
