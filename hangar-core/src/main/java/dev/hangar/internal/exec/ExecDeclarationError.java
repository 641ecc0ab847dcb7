package dev.hangar.internal.exec;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tomlj.Toml;

/**
 * One problem found in a {@code .plugin.toml} file (or an exec directory).
 *
 * @param file the file (or directory) concerned, absolute
 * @param line the 1-based line in {@code file}, or 0 when no line applies (an unreadable file)
 * @param key the full dotted TOML key concerned, e.g. {@code plugin.ovs.path}, or null when no key
 *     applies (a syntax error, an unreadable file)
 * @param message what is wrong, for people
 */
public record ExecDeclarationError(Path file, int line, String key, String message) {
  /** Checks. */
  public ExecDeclarationError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line < 0: " + line);
    }
  }

  /** The key, when one applies. */
  public Optional<String> keyName() {
    return Optional.ofNullable(key);
  }

  /** The domain the problem concerns ({@code plugin.<domain>...}), when the key names one. */
  public Optional<String> domain() {
    if (key == null) {
      return Optional.empty();
    }
    try {
      List<String> parts = Toml.parseDottedKey(key);
      return parts.size() >= 2 && parts.get(0).equals("plugin")
          ? Optional.of(parts.get(1)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** This problem as an exception with {@link ErrorCode#EXEC_DECLARATION_INVALID}. */
  public HangarException toException() {
    return new HangarException(ErrorCode.EXEC_DECLARATION_INVALID, toString());
  }

  /** {@code file:line: key: message}, leaving out the line when 0 and the key when null. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder().append(file);
    if (line > 0) {
      b.append(':').append(line);
    }
    b.append(": ");
    if (key != null) {
      b.append(key).append(": ");
    }
    return b.append(message).toString();
  }
}
