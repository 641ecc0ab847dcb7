package dev.hangar.managed.internal.runtime;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits for a plugin's unix socket to accept a connection. Docker sleeps 500 ms, then dials up to
 * four times 3 s apart; this polls from 1 ms, doubling to 5 ms, so a plugin that is quick to
 * listen is seen as soon as it is (a try is one connect(2), failing at once while nobody
 * listens: cheap enough to repeat every 5 ms).
 */
public final class SocketProbe {
  static final Duration FIRST_PAUSE = Duration.ofMillis(1);
  static final Duration MAX_PAUSE = Duration.ofMillis(5);

  private SocketProbe() {}

  /**
   * Connects to {@code socket} until a connection succeeds (true), {@code alive} answers false,
   * or {@code deadline} passes (false). Every try is a real connect, never a file check: a socket
   * file outlives the process that bound it. The connection made is closed at once. An interrupt
   * ends the wait (false) with the thread's interrupt status set.
   *
   * @param alive whether the plugin's process still runs; asked before every try
   * @throws dev.hangar.protocol.HangarException PLUGIN_START_FAILED when the path does not fit
   *     {@code sockaddr_un} (see {@link RuntimeDirs#checkSocketPath})
   */
  public static boolean await(Path socket, Instant deadline, BooleanSupplier alive) {
    RuntimeDirs.checkSocketPath(socket);
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
    long pauseNanos = FIRST_PAUSE.toNanos();
    while (alive.getAsBoolean()) {
      if (connects(address)) {
        return true;
      }
      long left = Duration.between(Instant.now(), deadline).toNanos();
      if (left <= 0) {
        return false;
      }
      try {
        Thread.sleep(Duration.ofNanos(Math.min(pauseNanos, left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      pauseNanos = Math.min(pauseNanos * 2, MAX_PAUSE.toNanos());
    }
    return false;
  }

  private static boolean connects(UnixDomainSocketAddress address) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return ch.connect(address);
    } catch (IOException e) {
      return false; // missing (ENOENT) or nobody listening (ECONNREFUSED): not yet
    }
  }
}
