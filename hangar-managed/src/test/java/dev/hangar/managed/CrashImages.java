package dev.hangar.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.registry.Digest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The plugin images the registry crash tests install, pushed to the loopback registry, each
 * with a big layer of its own ({@code bin/p}, random bytes) and a small one they share
 * ({@code etc/motd}); and the checks of what a killed owner left of them in a root: a plugin
 * whole as its image made it, partial downloads true prefixes of their blobs, the next fetch
 * reusing every layer the store verified. Thread-safe once pushed.
 */
final class CrashImages {
  /** An image on the registry, as the checks need it. */
  record Image(String ref, Digest manifest, List<String> layers, byte[] big) {}

  private final Map<String, Image> images = new LinkedHashMap<>();
  /** Every blob pushed, by hex digest, for the partial downloads' check. */
  private final Map<String, byte[]> blobs = new HashMap<>();
  private final AtomicInteger partialsSeen = new AtomicInteger();

  private CrashImages() {}

  /**
   * Pushes one image per reference, in order, with {@code config}'s config for it and a big
   * layer of {@code bigBytes} drawn from {@code random}.
   */
  static CrashImages push(RegistryClient client, Path work, List<String> refs,
      Function<String, String> config, Random random, int bigBytes) throws IOException {
    CrashImages out = new CrashImages();
    byte[] shared = new PluginImages.Layer().dir("etc").file("etc/motd", "shared\n").gzip();
    for (String ref : refs) {
      byte[] big = new byte[bigBytes];
      random.nextBytes(big);
      byte[] own = new PluginImages.Layer().dir("bin").file("bin/p", big).gzip();
      String cfg = config.apply(ref);
      PluginImages.Pushed p = PluginImages.push(client, work, Reference.parse(ref), cfg,
          List.of(own, shared));
      out.images.put(ref, new Image(ref, p.manifest(),
          p.layers().stream().map(Digest::hex).toList(), big));
      out.blobs.put(p.layers().get(0).hex(), own);
      out.blobs.put(p.layers().get(1).hex(), shared);
      out.blobs.put(p.config().hex(), cfg.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The image pushed as {@code ref}, failing when there is none. */
  Image image(String ref, String where) {
    Image img = images.get(ref);
    assertThat(img).as("%s: an unknown image %s", where, ref).isNotNull();
    return img;
  }

  /** Every image, in the order pushed. */
  Collection<Image> all() {
    return images.values();
  }

  /**
   * Checks the plugin {@code id} of {@code root} is the image {@code ref} whole: its manifest
   * digest, its rootfs as the layers made it, and its blobs among the {@code verified}.
   */
  void checkPlugin(Path root, String id, String ref, String manifest, Set<String> verified,
      String where) throws IOException {
    Image img = image(ref, where);
    assertThat(manifest).as("%s: its manifest", where).isEqualTo(img.manifest().toString());
    Path rootfs = RootChecks.managed(root).resolve(id).resolve("rootfs");
    assertThat(Files.readAllBytes(rootfs.resolve("bin/p"))).as("%s: its rootfs", where)
        .isEqualTo(img.big());
    assertThat(rootfs.resolve("etc/motd")).as(where).hasContent("shared");
    assertThat(verified).as("%s: its blobs are kept", where).containsAll(img.layers())
        .contains(img.manifest().hex());
  }

  /** Every partial download is a true prefix of the blob it is named after. */
  void checkPartials(Path root, String where) throws IOException {
    Path sha = RootChecks.managed(root).resolve("blobs").resolve(Digest.ALGORITHM);
    if (!Files.isDirectory(sha)) {
      return;
    }
    boolean seen = false;
    try (Stream<Path> s = Files.list(sha)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".partial")).toList()) {
        String hex = p.getFileName().toString().replace(".partial", "");
        byte[] whole = blobs.get(hex);
        assertThat(whole).as("%s: a partial of an unknown blob %s", where, hex).isNotNull();
        byte[] part = Files.readAllBytes(p);
        assertThat(part.length).as(where).isLessThanOrEqualTo(whole.length);
        assertThat(part).as("%s: %s is a prefix of its blob", where, p)
            .isEqualTo(Arrays.copyOf(whole, part.length));
        seen = true;
      }
    }
    if (seen) {
      partialsSeen.incrementAndGet();
    }
  }

  /** How many {@link #checkPartials} found a partial blob. */
  int partialsSeen() {
    return partialsSeen.get();
  }

  /**
   * A fetch of {@code ref} (a pull, an upgrade) that found {@code reused} layers in the store
   * ("Already exists") fetched none of those the store had {@code verified}.
   */
  void checkReuse(String ref, long reused, Set<String> verified, String where) {
    long there = image(ref, where).layers().stream().filter(verified::contains).count();
    assertThat(reused).as("%s: layers reused", where).isEqualTo(there);
  }
}
