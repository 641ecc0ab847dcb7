package dev.hangar.internal.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class CallCellsTest {
  /** Ids no generation of this JVM takes (those count up from 1). */
  private static final long ID = Long.MAX_VALUE - 7;

  /** Runs {@code what} on a new platform thread and returns what it answered. */
  private static int onNewThread(IntSupplier what) throws InterruptedException {
    AtomicInteger answer = new AtomicInteger(Integer.MIN_VALUE);
    Thread t = Thread.ofPlatform().start(() -> answer.set(what.getAsInt()));
    t.join();
    return answer.get();
  }

  @Test
  void aPlatformThreadKeepsTheCellItTook() throws InterruptedException {
    int same = onNewThread(() -> {
      int first = CallCells.idle(Thread.currentThread());
      return first >= 0 && CallCells.idle(Thread.currentThread()) == first ? 1 : 0;
    });
    assertThat(same).isEqualTo(1);
  }

  @Test
  void aThreadInACallHasNoIdleCellUntilTheCallEnds() throws InterruptedException {
    int ok = onNewThread(() -> {
      Thread t = Thread.currentThread();
      int mark = CallCells.idle(t);
      CallCells.mark(mark, ID);
      boolean nested = CallCells.idle(t) == -1 && CallCells.holds(ID) && !CallCells.holds(ID - 1);
      CallCells.clear(mark);
      return nested && CallCells.idle(t) == mark && !CallCells.holds(ID) ? 1 : 0;
    });
    assertThat(ok).isEqualTo(1);
  }

  @Test
  void virtualThreadsHaveNoCell() throws InterruptedException {
    AtomicInteger answer = new AtomicInteger();
    Thread.ofVirtual().start(() -> answer.set(CallCells.idle(Thread.currentThread()))).join();
    assertThat(answer.get()).isEqualTo(-1);
  }

  @Test
  void aCellOfALiveThreadIsNotSharedAndOneOfAnEndedThreadIsTakenOver() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ownerMark = new AtomicInteger(-1);
    CountDownLatch took = new CountDownLatch(1);
    Thread owner = null;
    // a thread whose cell is free (another live thread of this JVM may hold the first one tried)
    for (int i = 0; i < CallCells.CELLS && ownerMark.get() < 0; i++) {
      CountDownLatch answered = new CountDownLatch(1);
      owner = Thread.ofPlatform().daemon().start(() -> {
        ownerMark.set(CallCells.idle(Thread.currentThread()));
        answered.countDown();
        if (ownerMark.get() >= 0) {
          took.countDown();
          awaitQuietly(release);
        }
      });
      answered.await();
    }
    took.await();
    long ownerId = owner.threadId();
    try {
      assertThat(collidingAnswer(ownerId)).as("held by a live thread").isEqualTo(-1);
    } finally {
      release.countDown();
    }
    owner.join();
    assertThat(collidingAnswer(ownerId)).as("taken over once its owner ended")
        .isEqualTo(ownerMark.get());
  }

  /** What {@link CallCells#idle} answers on a new thread that falls on the cell of {@code id}. */
  private static int collidingAnswer(long id) throws InterruptedException {
    AtomicInteger answer = new AtomicInteger(Integer.MIN_VALUE);
    Thread t;
    do {
      t = Thread.ofPlatform().unstarted(() -> answer.set(CallCells.idle(Thread.currentThread())));
    } while (((t.threadId() - id) & (CallCells.CELLS - 1)) != 0);
    t.start();
    t.join();
    return answer.get();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
