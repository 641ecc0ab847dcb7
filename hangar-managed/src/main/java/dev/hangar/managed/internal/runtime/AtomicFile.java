package dev.hangar.managed.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.internal.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** A JSON file replaced whole or not at all: a temp file beside it, fsync, rename, fsync dir. */
final class AtomicFile {
  private AtomicFile() {}

  /**
   * Writes {@code tree} (pretty-printed) to {@code target}, creating its directory.
   *
   * @throws HangarException IO_ERROR naming the file
   */
  static void write(Path target, JsonNode tree) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new HangarException(ErrorCode.IO_ERROR,
          "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp != null) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // the write already failed; that error is the one to report
      }
    }
  }
}
