package dev.hangar.internal.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds and reads the {@code .plugin.toml} files of exec directories. A file name counts when it
 * is exactly {@code .plugin.toml} or ends with {@code .plugin.toml} and does not start with a dot
 * (as the shell glob {@code *.plugin.toml} would, so editors' hidden lock files are skipped).
 */
final class DeclFiles {
  /** The suffix (and the core0 file name) of declaration files. */
  static final String SUFFIX = ".plugin.toml";
  /** The largest declaration file read, in bytes (1 MiB). */
  static final int MAX_FILE_SIZE = 1 << 20;

  private DeclFiles() {}

  /** Whether {@code fileName} names a declaration file. */
  static boolean matches(String fileName) {
    return fileName.equals(SUFFIX) || (fileName.endsWith(SUFFIX) && !fileName.startsWith("."));
  }

  /**
   * The declaration files of {@code dir} (absolute, normalized), sorted by file name. A missing
   * directory has none; one that cannot be listed adds an error.
   */
  static List<Path> list(Path dir, List<ExecDeclarationError> errors) {
    if (Files.notExists(dir)) {
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      String why = Files.exists(dir) ? "is not a directory" : "cannot be read";
      errors.add(new ExecDeclarationError(dir, 0, null, "exec directory " + why));
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        if (matches(p.getFileName().toString())) {
          out.add(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      errors.add(new ExecDeclarationError(dir, 0, null,
          "exec directory cannot be listed: " + describe(e)));
      return List.of();
    }
    out.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return out;
  }

  /**
   * The text of {@code file}: at most {@link #MAX_FILE_SIZE} bytes of UTF-8, a leading byte order
   * mark dropped. Anything else adds an error and gives empty.
   */
  static Optional<String> read(Path file, List<ExecDeclarationError> errors) {
    if (!Files.isRegularFile(file)) {
      String why = Files.isDirectory(file) ? "is a directory"
          : Files.exists(file) ? "is not a regular file"
          : "cannot be read (a dangling symbolic link?)";
      errors.add(new ExecDeclarationError(file, 0, null, why));
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_SIZE + 1);
    } catch (IOException | RuntimeException e) {
      errors.add(new ExecDeclarationError(file, 0, null, "cannot be read: " + describe(e)));
      return Optional.empty();
    }
    if (bytes.length > MAX_FILE_SIZE) {
      errors.add(new ExecDeclarationError(file, 0, null,
          "is larger than the limit of " + MAX_FILE_SIZE + " bytes (1 MiB)"));
      return Optional.empty();
    }
    return decode(file, bytes, errors);
  }

  private static Optional<String> decode(
      Path file, byte[] bytes, List<ExecDeclarationError> errors) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      errors.add(new ExecDeclarationError(file, line, null,
          "is not valid UTF-8 (byte offset " + in.position() + ")"));
      return Optional.empty();
    }
    d.flush(out);
    out.flip();
    String text = out.toString();
    return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
