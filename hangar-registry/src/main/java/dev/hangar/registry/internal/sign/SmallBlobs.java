package dev.hangar.registry.internal.sign;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Digest;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Small blobs (signature payloads and configs) fetched whole: through the client's verified
 * download into a private temporary directory, read, and removed.
 */
public final class SmallBlobs {
  private SmallBlobs() {}

  /**
   * A blob's bytes, its digest and size checked by the client.
   *
   * @param client the client
   * @param repo the repository
   * @param digest the blob
   * @param size its size; the caller has checked it is small
   * @return the bytes
   */
  public static byte[] fetch(RegistryClient client, Repository repo, Digest digest, long size) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("hangar-signature-");
      Path file = dir.resolve(digest.hex());
      client.downloadBlob(repo, digest, size, file);
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot keep a signature blob in a "
          + "temporary directory: " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        remove(dir);
      }
    }
  }

  /**
   * Writes bytes to a temporary file, hands it to {@code use}, and removes it.
   *
   * @param bytes the bytes
   * @param use what to do with the file
   * @param <T> the result
   * @return what {@code use} returned
   */
  public static <T> T withFile(byte[] bytes, java.util.function.Function<Path, T> use) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("hangar-signature-");
      Path file = Files.write(dir.resolve("blob"), bytes);
      return use.apply(file);
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "cannot write a signature blob to a "
          + "temporary directory: " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        remove(dir);
      }
    }
  }

  private static void remove(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless; the result stands
    }
  }
}
