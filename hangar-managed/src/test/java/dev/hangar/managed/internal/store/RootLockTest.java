package dev.hangar.managed.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootLockTest {
  @TempDir Path root;

  @Test
  void aSecondOwnerInTheSameProcessIsRefusedNamingTheHolder() throws Exception {
    Path file = Files.createDirectories(root.resolve("managed")).resolve(".lock");
    try (RootLock first = RootLock.take(file)) {
      assertThatThrownBy(() -> RootLock.take(file))
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOT_LOCKED))
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
    }
    RootLock.take(file).close(); // released: free again
  }

  @Test
  void aCorruptHolderLineStillRefusesAsLockedWithAShortMessage() throws Exception {
    Path file = Files.createDirectories(root.resolve("managed")).resolve(".lock");
    try (RootLock first = RootLock.take(file)) {
      byte[] junk = new byte[100_000];
      java.util.Arrays.fill(junk, (byte) 0xC3); // a lead byte again and again: no valid UTF-8
      Files.write(file, junk);
      assertThatThrownBy(() -> RootLock.take(file))
          .isInstanceOfSatisfying(HangarException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ROOT_LOCKED);
            assertThat(e.getMessage()).contains("owned by another process (\uFFFD")
                .hasSizeLessThan(1_000);
          });
    }
  }

  @Test
  void aLockHeldByAnotherProcessIsRefusedNamingItAndFreedWhenItIsKilled() throws Exception {
    Path file = Files.createDirectories(root.resolve("managed")).resolve(".lock");
    Files.writeString(file, "");
    // A POSIX record lock, as Java's FileChannel.lock takes (flock(1) would not conflict).
    String holderCode = "import fcntl,os,sys,time\n"
        + "f=open(sys.argv[1],'r+'); fcntl.lockf(f, fcntl.LOCK_EX)\n"
        + "f.truncate(0); f.write('pid %d holder' % os.getpid()); f.flush()\n"
        + "print('locked', flush=True); time.sleep(60)\n";
    Process holder = new ProcessBuilder("python3", "-c", holderCode, file.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> RootLock.take(file))
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOT_LOCKED))
          .hasMessageContaining("pid " + holder.pid() + " holder");
    } finally {
      holder.destroyForcibly().waitFor(); // SIGKILL: the kernel drops its lock
    }
    try (RootLock again = RootLock.take(file)) {
      assertThat(Files.readString(file)).startsWith("pid " + ProcessHandle.current().pid());
    }
  }
}
