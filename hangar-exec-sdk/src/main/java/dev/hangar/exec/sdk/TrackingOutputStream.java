package dev.hangar.exec.sdk;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The plugin's stdout, remembering whether the last byte written ended a line: a framed message
 * or the result must start a line, even after a handler's {@code System.out.print("x")}.
 */
final class TrackingOutputStream extends FilterOutputStream {
  private int last = '\n';

  TrackingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public synchronized void write(int b) throws IOException {
    out.write(b);
    last = b & 0xff;
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    if (len > 0) {
      last = b[off + len - 1] & 0xff;
    }
  }

  /** Writes {@code frame} at the start of a line (adding a newline first when needed), flushed. */
  synchronized void writeFrame(byte[] frame) throws IOException {
    if (last != '\n') {
      write('\n');
    }
    write(frame, 0, frame.length);
    flush();
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }
}
