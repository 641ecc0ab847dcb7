package dev.hangar.examples.volume;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The volumes on disk. Volume {@code v} is the directory {@code <root>/v}: its data in
 * {@code <root>/v/data} (the mountpoint) and its record in {@code <root>/v/volume.json}, written
 * atomically (temp file, fsync, rename, fsync of the directory). The record is the commit point:
 * a directory without one is not a volume. Not thread-safe; the driver locks.
 */
final class VolumeStore {
  static final String RECORD = "volume.json";
  static final String DATA = "data";

  private final Path root;
  private final ObjectMapper json = new ObjectMapper();

  VolumeStore(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
  }

  Path root() {
    return root;
  }

  /** The data directory (mountpoint) of {@code name}. */
  Path dataDir(String name) {
    return root.resolve(name).resolve(DATA);
  }

  /** Every volume's record, by name. */
  TreeMap<String, VolumeRecord> loadAll() throws IOException {
    TreeMap<String, VolumeRecord> out = new TreeMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path dir : dirs) {
        Optional<VolumeRecord> r = read(dir.getFileName().toString());
        r.ifPresent(v -> out.put(v.name(), v));
      }
    }
    return out;
  }

  private Optional<VolumeRecord> read(String name) throws IOException {
    Path file = root.resolve(name).resolve(RECORD);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    VolumeRecord r = json.readValue(file.toFile(), VolumeRecord.class);
    if (r.schemaVersion() != VolumeRecord.SCHEMA_VERSION || !name.equals(r.name())) {
      throw new IOException(file + ": not a volume record of schema version "
          + VolumeRecord.SCHEMA_VERSION + " for '" + name + "'");
    }
    return Optional.of(r);
  }

  /** Creates the data directory, then commits the record. */
  void create(VolumeRecord record) throws IOException {
    Path dir = root.resolve(record.name());
    Files.createDirectories(dir.resolve(DATA));
    Path tmp = Files.createTempFile(dir, "." + RECORD + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(json.writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(record));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, dir.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(RECORD), StandardCopyOption.REPLACE_EXISTING);
      }
      sync(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Removes the record first (the commit point), then the data. */
  void delete(String name) throws IOException {
    Path dir = root.resolve(name);
    Files.deleteIfExists(dir.resolve(RECORD));
    sync(dir);
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void sync(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Not every file system can sync a directory; the rename is atomic regardless.
    }
  }
}
