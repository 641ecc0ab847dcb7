package dev.hangar.internal.exec;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns the bytes of one output stream of an exec plugin into {@link ExecMessage}s, with
 * core0's line rules (core0 {@code base/pm/stream}), byte for byte:
 *
 * <ul>
 *   <li>Lines end at {@code "\n"}, which is removed; nothing else is stripped (a {@code "\r"}
 *       before it stays in the text, as in core0). A last line without {@code "\n"} is processed
 *       by {@link #finish()}; a stream ending in {@code "\n"} has no empty last line.
 *   <li>A line matching {@code ^(\d+)(:{2,3})(.*)$} (ASCII digits, colons taken greedily up to
 *       three) is framed: {@code N::text} is a one-line message of level N, {@code N:::text}
 *       opens a multi-line message whose first line is {@code text}. So {@code 20::::x} opens a
 *       multi-line message starting with {@code :x}, and {@code 20:x} is a plain line.
 *   <li>{@code N} is read as Go's {@code strconv.ParseUint(N, 10, 16)} does: leading zeros are
 *       ignored and a value above 65535 becomes 65535.
 *   <li>Inside a multi-line message every line is appended after a {@code "\n"}, framed or not,
 *       until a line that is exactly {@code :::} closes it.
 *   <li>Any other line (empty lines included) is one message at the default level.
 *   <li>At end of stream an unclosed multi-line message is delivered as it stands (core0 drops
 *       it; a plugin that dies mid-result should still show what it wrote).
 *   <li>Text is decoded as UTF-8 after framing; malformed bytes become U+FFFD, never an
 *       exception. The framing itself is ASCII, so garbage cannot change where messages start.
 * </ul>
 *
 * <p>Incremental: any split of the same bytes over {@link #feed} calls yields the same messages.
 * Work is linear in the input; memory is the current line plus the current multi-line message
 * (buffers grow by doubling and are released past 64 KiB once their content is delivered). The
 * parser does not cap memory: its caller bounds the bytes it feeds. Not thread-safe: one parser
 * per stream, fed by one thread. The sink runs on the feeding thread; its exceptions propagate
 * and leave the parser in an unspecified state.
 */
public final class FrameParser {
  private static final int KEEP_CAPACITY = 64 * 1024;

  private final int defaultLevel;
  private final Consumer<ExecMessage> sink;
  /** The current line, outside a multi-line message, when it spans {@link #feed} calls. */
  private final Bytes line = new Bytes();
  /** The current multi-line message. */
  private final Bytes message = new Bytes();
  private boolean inMessage;
  private int messageLevel;
  /** Inside a message: the colons a line starts with, held back while it may still be ":::". */
  private int colons;
  /** Inside a message: the current line is not ":::" and is being copied into the message. */
  private boolean copying;
  private boolean finished;

  /**
   * @param defaultLevel the level of unframed lines: 1 for stdout, 2 for stderr
   * @param sink receives each message as soon as it is complete
   */
  public FrameParser(int defaultLevel, Consumer<ExecMessage> sink) {
    if (defaultLevel < 0 || defaultLevel > ExecLevels.MAX_LEVEL) {
      throw new IllegalArgumentException("default level out of range: " + defaultLevel);
    }
    this.defaultLevel = defaultLevel;
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /**
   * Parses the next bytes of the stream, delivering every message they complete.
   *
   * @throws IllegalStateException after {@link #finish()}
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} are outside {@code buf}
   */
  public void feed(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (finished) {
      throw new IllegalStateException("frame parser: feed after finish");
    }
    int end = off + len;
    int pos = off;
    while (pos < end) {
      pos = inMessage ? feedMessage(buf, pos, end) : feedLine(buf, pos, end);
    }
  }

  /**
   * Ends the stream: processes a last line without {@code "\n"} and delivers an unclosed
   * multi-line message. Repeating it does nothing.
   */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (inMessage) {
      if (!copying && colons == 3) {
        deliverMessage();
      } else if (!copying && colons > 0) {
        appendHeldColons();
      }
    } else if (line.size > 0) {
      processLine(line.array, 0, line.size);
      line.clear();
    }
    if (inMessage) {
      deliverMessage();
    }
  }

  /** How often a buffer grew; for tests of linear behaviour. */
  int growths() {
    return line.growths + message.growths;
  }

  private int feedLine(byte[] buf, int pos, int end) {
    int nl = indexOfNewline(buf, pos, end);
    if (nl < 0) {
      line.append(buf, pos, end - pos);
      return end;
    }
    if (line.size == 0) {
      processLine(buf, pos, nl - pos); // the whole line is in buf: no copy
    } else {
      line.append(buf, pos, nl - pos);
      processLine(line.array, 0, line.size);
      line.clear();
    }
    return nl + 1;
  }

  private int feedMessage(byte[] buf, int pos, int end) {
    while (!copying) {
      if (pos == end) {
        return end;
      }
      byte b = buf[pos];
      if (b == '\n') {
        endHeldLine();
        return pos + 1;
      }
      if (b == ':' && colons < 3) {
        colons++;
        pos++;
      } else {
        appendHeldColons();
        copying = true;
      }
    }
    int nl = indexOfNewline(buf, pos, end);
    if (nl < 0) {
      message.append(buf, pos, end - pos);
      return end;
    }
    message.append(buf, pos, nl - pos);
    copying = false;
    return nl + 1;
  }

  /** A line inside a message that held only colons (maybe none) ended. */
  private void endHeldLine() {
    if (colons == 3) {
      deliverMessage();
    } else {
      appendHeldColons();
    }
  }

  private void appendHeldColons() {
    message.append((byte) '\n');
    for (int i = 0; i < colons; i++) {
      message.append((byte) ':');
    }
    colons = 0;
  }

  private void processLine(byte[] a, int off, int len) {
    int end = off + len;
    int i = off;
    int level = 0;
    while (i < end && a[i] >= '0' && a[i] <= '9') {
      level = Math.min(ExecLevels.MAX_LEVEL, level * 10 + (a[i] - '0'));
      i++;
    }
    if (i > off) {
      int c = 0;
      while (c < 3 && i + c < end && a[i + c] == ':') {
        c++;
      }
      if (c >= 2) {
        int text = i + c;
        if (c == 2) {
          sink.accept(new ExecMessage(level, decode(a, text, end - text)));
        } else {
          inMessage = true;
          messageLevel = level;
          colons = 0;
          copying = false;
          message.append(a, text, end - text);
        }
        return;
      }
    }
    sink.accept(new ExecMessage(defaultLevel, decode(a, off, len)));
  }

  private void deliverMessage() {
    inMessage = false;
    colons = 0;
    copying = false;
    String text = decode(message.array, 0, message.size);
    message.clear();
    sink.accept(new ExecMessage(messageLevel, text));
  }

  private static String decode(byte[] a, int off, int len) {
    // The String constructor replaces malformed input with U+FFFD and never throws.
    return len == 0 ? "" : new String(a, off, len, StandardCharsets.UTF_8);
  }

  private static int indexOfNewline(byte[] buf, int from, int end) {
    for (int i = from; i < end; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** A byte buffer growing by doubling, released when large and cleared. */
  private static final class Bytes {
    private static final int MAX = Integer.MAX_VALUE - 8;
    byte[] array = new byte[256];
    int size;
    int growths;

    void append(byte b) {
      ensure(1);
      array[size++] = b;
    }

    void append(byte[] src, int off, int len) {
      ensure(len);
      System.arraycopy(src, off, array, size, len);
      size += len;
    }

    void clear() {
      size = 0;
      if (array.length > KEEP_CAPACITY) {
        array = new byte[256];
      }
    }

    private void ensure(int more) {
      if (more <= array.length - size) {
        return;
      }
      if (more > MAX - size) {
        throw new OutOfMemoryError("exec output line or message larger than " + MAX + " bytes");
      }
      int needed = size + more;
      int grown = array.length > MAX / 2 ? MAX : array.length * 2;
      byte[] bigger = new byte[Math.max(grown, needed)];
      System.arraycopy(array, 0, bigger, 0, size);
      array = bigger;
      growths++;
    }
  }
}
