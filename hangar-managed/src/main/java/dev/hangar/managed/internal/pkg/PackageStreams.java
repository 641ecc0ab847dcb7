package dev.hangar.managed.internal.pkg;

import dev.hangar.protocol.HangarException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/** The stream adapters of an import. */
final class PackageStreams {
  private PackageStreams() {}

  /** {@code in} whose {@code close()} does nothing: the caller's stream stays the caller's. */
  static InputStream nonClosing(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  /**
   * {@code in} whose read failures become {@code onError}'s exception, so that callers can tell
   * them from failures to write the staging directory. {@code close()} does nothing.
   */
  static Guarded guarded(InputStream in, Function<IOException, HangarException> onError) {
    return new Guarded(in, onError);
  }

  /** See {@link #guarded}. */
  static final class Guarded extends FilterInputStream {
    private final Function<IOException, HangarException> onError;

    private Guarded(InputStream in, Function<IOException, HangarException> onError) {
      super(in);
      this.onError = onError;
    }

    @Override
    public int read() {
      try {
        return super.read();
      } catch (IOException e) {
        throw onError.apply(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw onError.apply(e);
      }
    }

    @Override
    public long skip(long n) {
      try {
        return super.skip(n);
      } catch (IOException e) {
        throw onError.apply(e);
      }
    }

    @Override
    public void close() {}
  }

  /** Counts the bytes read through it; closing closes {@code in}. */
  static final class Counting extends FilterInputStream {
    private long count;

    Counting(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += s;
      return s;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
