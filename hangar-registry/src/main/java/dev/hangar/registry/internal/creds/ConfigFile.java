package dev.hangar.registry.internal.creds;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Docker's {@code config.json} as a JSON tree, so that a write keeps every key Hangar does not
 * know, in its order. Writes are atomic (a temporary file in the same directory, synced, then
 * moved over the file, or over the file a symlink points to) and leave mode 0600.
 */
public final class ConfigFile {
  /** The largest config.json read (16 MiB; Docker's are a few KiB even with many registries). */
  static final int MAX_BYTES = 16 << 20;

  private final Path file;
  private final ObjectNode root;

  private ConfigFile(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  /**
   * Reads the file; a missing or empty file is an empty config, as Docker treats it.
   *
   * @param file {@code config.json}
   * @return the config
   * @throws HangarException (CREDENTIALS_INVALID) when it is not a JSON object; IO_ERROR when
   *     it cannot be read
   */
  public static ConfigFile read(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return new ConfigFile(file, JsonNodeFactory.instance.objectNode());
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, file + ": cannot read: " + e.getMessage(), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new HangarException(ErrorCode.CREDENTIALS_INVALID, file
          + ": loading config file: larger than " + MAX_BYTES + " bytes");
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return new ConfigFile(file, JsonNodeFactory.instance.objectNode());
    }
    try {
      JsonNode n = Json.MAPPER.readTree(bytes);
      if (!(n instanceof ObjectNode o)) {
        throw new HangarException(ErrorCode.CREDENTIALS_INVALID, file
            + ": loading config file: not a JSON object");
      }
      return new ConfigFile(file, o);
    } catch (JacksonException e) {
      throw new HangarException(ErrorCode.CREDENTIALS_INVALID, file
          + ": loading config file: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      // The bytes are read: only decoding them failed (Jackson took them for UTF-32).
      throw new HangarException(ErrorCode.CREDENTIALS_INVALID, file
          + ": loading config file: " + e.getMessage(), e);
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The helper named for {@code key} in {@code credHelpers}. */
  public Optional<String> credHelper(String key) {
    JsonNode h = root.path("credHelpers").path(key);
    return h.isTextual() && !h.asText().isEmpty() ? Optional.of(h.asText()) : Optional.empty();
  }

  /** {@code credsStore}, the helper for every registry without a {@code credHelpers} entry. */
  public Optional<String> credsStore() {
    JsonNode s = root.path("credsStore");
    return s.isTextual() && !s.asText().isEmpty() ? Optional.of(s.asText()) : Optional.empty();
  }

  /**
   * The {@code auths} entry for {@code key}: an exact key first, then (as Docker does) one that
   * names the same host with a scheme or a path ({@code https://host/v1/}).
   *
   * @param key the registry key
   * @return the entry
   */
  public Optional<ObjectNode> auth(String key) {
    JsonNode auths = root.path("auths");
    if (!auths.isObject()) {
      return Optional.empty();
    }
    if (auths.get(key) instanceof ObjectNode exact) {
      return Optional.of(exact);
    }
    for (var e : auths.properties()) {
      if (hostOf(e.getKey()).equals(hostOf(key)) && e.getValue() instanceof ObjectNode o) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /**
   * Sets {@code auths[key]} to {@code entry}, replacing what was there.
   *
   * @param key the registry key
   * @param entry the entry
   */
  public void putAuth(String key, ObjectNode entry) {
    JsonNode auths = root.get("auths");
    ObjectNode o = auths instanceof ObjectNode a ? a : root.putObject("auths");
    o.set(key, entry);
  }

  /**
   * Removes {@code auths[key]} and any entry naming the same host in another form.
   *
   * @param key the registry key
   * @return whether anything was removed
   */
  public boolean removeAuth(String key) {
    if (!(root.get("auths") instanceof ObjectNode auths)) {
      return false;
    }
    boolean removed = auths.remove(key) != null;
    var it = auths.properties().iterator();
    while (it.hasNext()) {
      if (hostOf(it.next().getKey()).equals(hostOf(key))) {
        it.remove();
        removed = true;
      }
    }
    return removed;
  }

  /**
   * Writes the config atomically with mode 0600, creating the directory (0700) if needed.
   *
   * @throws HangarException (IO_ERROR) naming the file when it cannot be written
   */
  public void write() {
    try {
      Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
      Path dir = target.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        byte[] bytes = Json.MAPPER.writer(Json.tabs()).writeValueAsBytes(root);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.write(java.nio.ByteBuffer.wrap(bytes));
          ch.force(true);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException e) {
        // Some file systems cannot sync a directory; the rename is done regardless.
      }
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, file + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** Docker's {@code ConvertToHostname}: the host of a key written as a URL, else the key. */
  static String hostOf(String key) {
    String k = key;
    if (k.startsWith("http://")) {
      k = k.substring(7);
    } else if (k.startsWith("https://")) {
      k = k.substring(8);
    }
    int slash = k.indexOf('/');
    return slash < 0 ? k : k.substring(0, slash);
  }
}
