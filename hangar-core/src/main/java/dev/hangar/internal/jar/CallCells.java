package dev.hangar.internal.jar;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * Where calls into JAR plugins say they are in flight, one cell per thread: the cheap path of
 * {@link LoadedJar#enter}. A platform thread takes the cell its id falls on (one of {@value
 * #CELLS}, each on a 128-byte span of its own) and keeps it while it lives; a call then writes the
 * generation's id into the cell (one volatile store: the only fence of the call) and clears it on
 * exit with a plain release store, which is about half the cost of the two atomic additions of
 * the striped counters. A retiring generation scans the cells for its id ({@link #holds}).
 *
 * <p>A thread has no idle cell, and its calls fall back to the striped counters, when it is
 * already in a call (a plugin calling a plugin: the cell holds the outer call), when its cell
 * belongs to another live thread, or when it is virtual (virtual threads come and go in numbers
 * the cells are not made for). A cell of a thread that ended goes to the next thread that falls
 * on it.
 *
 * <p>JVM-wide: threads are, and generation ids are unique in the JVM.
 */
final class CallCells {
  /** Cells: a power of two. */
  static final int CELLS = 256;
  /** Longs from one cell to the next: 128 bytes, so no two share a cache line or a pair. */
  private static final int SPACING = 16;
  private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);
  /**
   * Per cell at {@code (c + 1) * SPACING}: the owner's thread id (0: none), then the mark, the id
   * of the generation the owner is calling (0: idle). The first span stays empty, away from the
   * array's header.
   */
  private static final long[] cells = new long[(CELLS + 1) * SPACING];
  /** The owner of each cell, to tell when it has ended; guarded by itself. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final WeakReference<Thread>[] owners = new WeakReference[CELLS];

  private CallCells() {}

  /**
   * The index of the calling thread's mark when it has an idle cell of its own (taking a free
   * one), else -1.
   *
   * @param t the current thread
   */
  static int idle(Thread t) {
    long tid = t.threadId();
    int at = ((int) tid & (CELLS - 1)) * SPACING + SPACING;
    if ((long) CELL.getOpaque(cells, at) == tid) {
      return (long) CELL.getOpaque(cells, at + 1) == 0 ? at + 1 : -1;
    }
    return t.isVirtual() ? -1 : take(t, tid, at);
  }

  /** Takes the cell at {@code at} for {@code t} when nobody alive holds it. */
  private static int take(Thread t, long tid, int at) {
    int c = at / SPACING - 1;
    synchronized (owners) {
      WeakReference<Thread> ref = owners[c];
      Thread owner = ref == null ? null : ref.get();
      if (owner != null && owner.isAlive()) {
        return -1;
      }
      owners[c] = new WeakReference<>(t);
      // an ended thread cannot be in a call; its mark is cleared all the same
      CELL.setVolatile(cells, at + 1, 0L);
      CELL.setVolatile(cells, at, tid);
    }
    return at + 1;
  }

  /**
   * Marks the call of the owning thread as one on generation {@code id}; a full fence, so that
   * what the caller reads next is read after every thread can see the mark.
   */
  static void mark(int mark, long id) {
    CELL.setVolatile(cells, mark, id);
  }

  /** Clears the owning thread's mark: its call has ended. */
  static void clear(int mark) {
    CELL.setRelease(cells, mark, 0L);
  }

  /** Whether a thread is in a call on generation {@code id} through its cell. */
  static boolean holds(long id) {
    for (int at = SPACING + 1; at < cells.length; at += SPACING) {
      if ((long) CELL.getVolatile(cells, at) == id) {
        return true;
      }
    }
    return false;
  }
}
