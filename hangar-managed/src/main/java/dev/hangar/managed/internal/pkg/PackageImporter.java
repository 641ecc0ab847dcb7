package dev.hangar.managed.internal.pkg;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.function.Function;

/**
 * Imports a Docker plugin package (a directory holding {@code config.json} and {@code rootfs/},
 * or a tar of one, plain or gzipped) into a staging directory, safely: nothing is ever written
 * outside {@code staging}, links are never followed, and the size is bounded. The rules are in
 * the package documentation ({@code package-info.java}).
 *
 * <p>Ownership: when the process runs as root (the staging directory it creates is owned by
 * uid 0), uid/gid and the setuid/setgid bits are kept; otherwise files belong to the caller and
 * those two bits are dropped. Permission bits and modification times are kept.
 *
 * <p>Thread-safe (no shared state); each call needs its own {@code staging}.
 */
public final class PackageImporter {
  private PackageImporter() {}

  /**
   * Unpacks the package at {@code dirOrTar} into {@code staging}, which must not exist (its
   * parent must) and is created 0700: staging/config.json (0600) and staging/rootfs/. A regular
   * file is read as a tar, gzipped or not according to its first two bytes (not its name). A
   * link given as {@code dirOrTar} is followed; links inside the package never are.
   *
   * @param maxBytes the most bytes the rootfs's regular files may hold together
   * @return the bytes of config.json (at most 1 MiB), not parsed
   * @throws HangarException {@link ErrorCode#PACKAGE_INVALID} naming the tar entry or file at
   *     fault; {@link ErrorCode#IO_ERROR} if {@code staging} exists already (it is then left as
   *     it is) or cannot be written, or a source file cannot be read. On any failure after
   *     {@code staging} was created, it is deleted entirely.
   * @throws IllegalArgumentException if {@code maxBytes} is negative
   */
  public static byte[] fromPath(Path dirOrTar, Path staging, long maxBytes) {
    Objects.requireNonNull(dirOrTar, "dirOrTar");
    return run(staging, maxBytes, rules -> readPath(dirOrTar, staging, rules));
  }

  /**
   * {@link #fromPath} for a tar stream, plain or gzipped, as {@code POST /plugins/create}
   * receives it: {@code config.json} and {@code rootfs/} at the top, names possibly starting
   * with {@code ./}. The stream is read as it comes (never held in memory) up to the end of the
   * archive and a little beyond (at most 1 MiB, so that gzip checks its trailer); it is not
   * closed.
   *
   * @throws HangarException as {@link #fromPath}; a stream that fails or ends early is
   *     PACKAGE_INVALID, naming the entry where it happened
   * @throws IllegalArgumentException if {@code maxBytes} is negative
   */
  public static byte[] fromStream(InputStream tarOrGzip, Path staging, long maxBytes) {
    Objects.requireNonNull(tarOrGzip, "tarOrGzip");
    return run(staging, maxBytes, rules -> TarExtractor.extract(tarOrGzip, staging, rules));
  }

  /** {@link #fromPath} with every limit given; for tests. */
  static byte[] fromPath(Path dirOrTar, Path staging, ImportRules rules) {
    return run(staging, rules, () -> readPath(dirOrTar, staging, rules));
  }

  /** {@link #fromStream} with every limit given; for tests. */
  static byte[] fromStream(InputStream tarOrGzip, Path staging, ImportRules rules) {
    return run(staging, rules, () -> TarExtractor.extract(tarOrGzip, staging, rules));
  }

  private static byte[] run(Path staging, long maxBytes, Function<ImportRules, byte[]> work) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes " + maxBytes + " < 0");
    }
    createStaging(staging);
    return cleaningUp(staging, () -> work.apply(ImportRules.defaults(maxBytes, ownedByRoot(
        staging))));
  }

  private static byte[] run(Path staging, ImportRules rules, Work work) {
    Objects.requireNonNull(rules, "rules");
    createStaging(staging);
    return cleaningUp(staging, work);
  }

  private interface Work {
    byte[] get();
  }

  private static byte[] readPath(Path src, Path staging, ImportRules rules) {
    String where = "package " + PackageErrors.quote(src.toString());
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(src, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw PackageErrors.invalid(where, "no such file or directory");
    } catch (IOException e) {
      throw PackageErrors.io(where, e);
    }
    if (a.isDirectory()) {
      return DirectoryCopier.copy(src, staging, rules);
    }
    if (!a.isRegularFile()) {
      throw PackageErrors.invalid(where, "neither a directory nor a tar file");
    }
    try (InputStream in = Files.newInputStream(src)) {
      return TarExtractor.extract(in, staging, rules);
    } catch (IOException e) {
      throw PackageErrors.io(where, e);
    }
  }

  private static void createStaging(Path staging) {
    Objects.requireNonNull(staging, "staging");
    try {
      Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "staging directory "
          + PackageErrors.quote(staging.toString()) + " exists already", e);
    } catch (IOException e) {
      throw PackageErrors.io("staging directory " + PackageErrors.quote(staging.toString()), e);
    }
  }

  private static boolean ownedByRoot(Path staging) {
    try {
      return (Integer) Files.getAttribute(staging, "unix:uid", LinkOption.NOFOLLOW_LINKS) == 0;
    } catch (IOException e) {
      throw PackageErrors.io("staging directory " + PackageErrors.quote(staging.toString()), e);
    }
  }

  /** Runs {@code work}; on any failure deletes {@code staging} and throws a HangarException. */
  private static byte[] cleaningUp(Path staging, Work work) {
    try {
      return work.get();
    } catch (HangarException e) {
      throw deleteAfter(staging, e);
    } catch (RuntimeException e) {
      throw deleteAfter(staging, new HangarException(ErrorCode.INTERNAL,
          "importing into " + PackageErrors.quote(staging.toString()) + " failed: " + e, e));
    } catch (Error e) {
      deleteAfter(staging, new HangarException(ErrorCode.INTERNAL, e.toString(), e));
      throw e;
    }
  }

  private static HangarException deleteAfter(Path staging, HangarException failure) {
    try {
      Trees.deleteRecursively(staging);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }
}
