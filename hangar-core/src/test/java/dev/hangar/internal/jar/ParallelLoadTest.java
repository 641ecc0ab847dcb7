package dev.hangar.internal.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParallelLoadTest {

  @Test
  void outcomesComeInInputOrderAndLoadsRunOnAFewWorkers() {
    List<String> names = new ArrayList<>();
    List<ParallelLoad.Load> loads = new ArrayList<>();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 200; i++) {
      int n = i;
      names.add("p" + i);
      loads.add(w -> {
        threads.add(Thread.currentThread().getName());
        w.initStarted();
        if (n % 7 == 0) {
          throw new IllegalStateException("boom " + n);
        }
        return "out" + n;
      });
    }
    Object[] out = ParallelLoad.run(names, loads, Duration.ofSeconds(10), n -> "late " + n);
    for (int i = 0; i < 200; i++) {
      if (i % 7 == 0) {
        assertThat(out[i]).isInstanceOf(LoadException.class);
        assertThat(((LoadException) out[i]).getMessage()).contains("p" + i).contains("boom " + i);
      } else {
        assertThat(out[i]).isEqualTo("out" + i);
      }
    }
    assertThat(threads).allMatch(t -> t.startsWith("hangar-load-"));
    assertThat(threads.size()).isLessThanOrEqualTo(16);
  }

  @Test
  void initsThatHangAreAbandonedAndTheOthersStillLoad() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    List<String> names = new ArrayList<>();
    List<ParallelLoad.Load> loads = new ArrayList<>();
    Set<Thread> hung = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 12; i++) {
      int n = i;
      names.add("p" + i);
      loads.add(w -> {
        w.initStarted();
        if (n % 3 == 0) {
          hung.add(Thread.currentThread());
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return "out" + n;
      });
    }
    try {
      // 4 hang, more than the workers: replacements must take over
      Object[] out = ParallelLoad.run(names, loads, Duration.ofMillis(200), n -> "late " + n);
      for (int i = 0; i < 12; i++) {
        assertThat(out[i]).isEqualTo(i % 3 == 0 ? "late p" + i : "out" + i);
      }
      assertThat(hung).hasSize(4)
          .allMatch(t -> t.getName().startsWith("hangar-init-p"));
    } finally {
      release.countDown();
    }
    for (Thread t : hung) {
      t.join(10_000);
    }
  }
}
