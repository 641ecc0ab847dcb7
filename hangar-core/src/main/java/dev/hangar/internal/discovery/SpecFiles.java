package dev.hangar.internal.discovery;

import dev.hangar.protocol.PluginAddress;
import dev.hangar.protocol.SpecFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code .spec} files (the whole file, trimmed, is one URL) and, through {@link JsonSpec},
 * {@code .json} files. Every failure is a {@link SpecFileException} naming the file.
 */
public final class SpecFiles {
  /** The largest spec or JSON file read; real ones are a few dozen bytes. */
  public static final int MAX_BYTES = 64 * 1024;

  private SpecFiles() {}

  /** Reads a {@code .spec} file. */
  public static PluginAddress readSpec(Path file) {
    String text = readText(file).strip();
    if (text.isEmpty()) {
      throw new SpecFileException(file, "is empty; a .spec file holds one URL such as "
          + "unix:///run/x.sock or tcp://127.0.0.1:8080", null);
    }
    try {
      return PluginAddress.parse(text, null);
    } catch (IllegalArgumentException e) {
      throw new SpecFileException(file, e.getMessage(), e);
    }
  }

  /** Reads a {@code .json} file: {@code Addr} and optionally {@code TLSConfig}. */
  public static PluginAddress readJson(Path file) {
    String text = readText(file);
    if (text.isBlank()) {
      throw new SpecFileException(file, "is empty; a .json file holds an object with \"Addr\"",
          null);
    }
    return JsonSpec.parse(file, text);
  }

  /** The file's text: at most {@link #MAX_BYTES}, UTF-8. */
  static String readText(Path file) {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // a FIFO or a device: opening it could block for ever
      throw new SpecFileException(file, "is not a regular file", null);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new SpecFileException(file, "is larger than " + MAX_BYTES + " bytes", null);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new SpecFileException(file, "is not UTF-8 text", e);
    }
  }

  /** A {@link SpecFileException} for an I/O failure on {@code file}. */
  public static SpecFileException unreadable(Path file, IOException e) {
    return new SpecFileException(file, "cannot be read: " + describe(e), e);
  }

  /** A short description of an I/O failure, without the path the exception repeats. */
  public static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
