package dev.hangar.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Blobs and manifests made by tests: seeded random bytes, manifests written as Docker does. */
final class TestImages {
  private TestImages() {}

  /** A file of {@code size} seeded random bytes. */
  static Path randomFile(Path dir, String name, long size, long seed) throws IOException {
    Path f = dir.resolve(name);
    Random r = new Random(seed);
    byte[] buf = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(f)) {
      for (long left = size; left > 0; left -= buf.length) {
        r.nextBytes(buf);
        out.write(buf, 0, (int) Math.min(buf.length, left));
      }
    }
    return f;
  }

  /** The sha256 of a file, read in chunks. */
  static Digest digestOf(Path file) throws IOException {
    java.security.MessageDigest md = Digest.newSha256();
    byte[] buf = new byte[1 << 20];
    try (java.io.InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return Digest.of(md);
  }

  /** A file holding {@code text}. */
  static Path textFile(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** The descriptor of a local file. */
  static Descriptor describe(String mediaType, Path file) throws IOException {
    return Descriptor.of(mediaType, Digest.of(Files.readAllBytes(file)), Files.size(file));
  }

  /** A schema-2 (or OCI) image manifest naming these blobs. */
  static RawManifest manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
    StringBuilder b = new StringBuilder("{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"")
        .append(mediaType).append("\",\n   \"config\": ").append(json(config))
        .append(",\n   \"layers\": [");
    List<String> ls = new ArrayList<>();
    for (Descriptor l : layers) {
      ls.add(json(l));
    }
    b.append(String.join(",", ls)).append("]\n}");
    return RawManifest.of(mediaType, b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A manifest list (or OCI index) of {@code entries}, each with its platform. */
  static RawManifest index(String mediaType, List<Descriptor> entries) {
    List<String> es = new ArrayList<>();
    for (Descriptor d : entries) {
      es.add(json(d));
    }
    String s = "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":["
        + String.join(",", es) + "]}";
    return RawManifest.of(mediaType, s.getBytes(StandardCharsets.UTF_8));
  }

  static String json(Descriptor d) {
    String p = d.platform().map(pl -> ",\"platform\":{\"architecture\":\"" + pl.architecture()
        + "\",\"os\":\"" + pl.os() + "\"" + pl.variant().map(v -> ",\"variant\":\"" + v + "\"")
            .orElse("") + "}").orElse("");
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"size\":" + d.size() + ",\"digest\":\""
        + d.digest() + "\"" + p + "}";
  }
}
