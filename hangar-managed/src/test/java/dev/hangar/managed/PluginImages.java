package dev.hangar.managed;

import dev.hangar.registry.Descriptor;
import dev.hangar.registry.Digest;
import dev.hangar.registry.MediaTypes;
import dev.hangar.registry.RawManifest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.Repository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Plugin images made by tests and pushed with the registry client, as {@code docker plugin
 * push} lays them out: a config blob of the plugin media type and gzipped tar layers.
 */
final class PluginImages {
  /** A minimal config asking for no privilege. */
  static final String CONFIG = "{\"Description\":\"test plugin\",\"Entrypoint\":[\"/bin/p\"],"
      + "\"Interface\":{\"Types\":[\"docker.volumedriver/1.0\"],\"Socket\":\"p.sock\"},"
      + "\"Env\":[{\"Name\":\"DEBUG\",\"Settable\":[\"value\"],\"Value\":\"0\"}]}";
  /** A config asking for host networking and CAP_SYS_ADMIN. */
  static final String PRIVILEGED = "{\"Description\":\"privileged\",\"Entrypoint\":[\"/bin/p\"],"
      + "\"Interface\":{\"Types\":[\"docker.volumedriver/1.0\"],\"Socket\":\"p.sock\"},"
      + "\"Network\":{\"Type\":\"host\"},\"Linux\":{\"Capabilities\":[\"CAP_SYS_ADMIN\"]}}";

  private PluginImages() {}

  /** A layer under construction. */
  static final class Layer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    Layer() {
      try {
        tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes), "UTF-8");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    Layer dir(String name) {
      return entry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"), null);
    }

    Layer file(String name, String content) {
      return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Layer file(String name, byte[] content) {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setMode(0755);
      return entry(e, content);
    }

    Layer symlink(String name, String target) {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      e.setLinkName(target);
      return entry(e, null);
    }

    Layer device(String name) {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_CHR);
      e.setDevMajor(1);
      e.setDevMinor(3);
      return entry(e, null);
    }

    /** An entry named as given, unchecked (e.g. {@code ../x}). */
    Layer raw(String name, String content) {
      TarArchiveEntry e = new TarArchiveEntry(name, true);
      return entry(e, content.getBytes(StandardCharsets.UTF_8));
    }

    private Layer entry(TarArchiveEntry e, byte[] content) {
      try {
        if (content != null) {
          e.setSize(content.length);
        }
        tar.putArchiveEntry(e);
        if (content != null) {
          tar.write(content);
        }
        tar.closeArchiveEntry();
      } catch (IOException x) {
        throw new IllegalStateException(x);
      }
      return this;
    }

    byte[] gzip() {
      try {
        tar.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return bytes.toByteArray();
    }
  }

  /** The usual one-layer rootfs: {@code bin/p} and {@code etc/motd}. */
  static byte[] simpleLayer(String motd) {
    return new Layer().dir("bin").file("bin/p", "#!/bin/sh\n").dir("etc")
        .file("etc/motd", motd).gzip();
  }

  /** A pushed image. */
  record Pushed(Reference ref, Digest manifest, Digest config, List<Digest> layers) {}

  /** Pushes an image with a plugin config and gzipped layers. */
  static Pushed push(RegistryClient client, Path work, Reference ref, String config,
      List<byte[]> layers) throws IOException {
    return push(client, work, ref, config, MediaTypes.DOCKER_PLUGIN_CONFIG, layers);
  }

  /** Pushes an image whose config has {@code configType}. */
  static Pushed push(RegistryClient client, Path work, Reference ref, String config,
      String configType, List<byte[]> layers) throws IOException {
    Files.createDirectories(work);
    Repository repo = Repository.of(ref);
    List<Descriptor> ls = new ArrayList<>();
    for (byte[] l : layers) {
      Path f = Files.createTempFile(work, "layer", ".tgz");
      Files.write(f, l);
      RegistryClient.Pushed p = client.pushBlob(repo, f, Optional.empty());
      ls.add(Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, p.descriptor().digest(), l.length));
    }
    Path c = Files.createTempFile(work, "config", ".json");
    Files.writeString(c, config);
    RegistryClient.Pushed pc = client.pushBlob(repo, c, Optional.empty());
    Descriptor cd = Descriptor.of(configType, pc.descriptor().digest(), Files.size(c));
    RawManifest m = RawManifest.of(MediaTypes.DOCKER_MANIFEST, manifest(cd, ls));
    client.pushManifest(ref, m);
    return new Pushed(ref, m.digest(), cd.digest(), ls.stream().map(Descriptor::digest).toList());
  }

  private static byte[] manifest(Descriptor config, List<Descriptor> layers) {
    StringBuilder b = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(MediaTypes.DOCKER_MANIFEST).append("\",\"config\":").append(json(config))
        .append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      b.append(i > 0 ? "," : "").append(json(layers.get(i)));
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String json(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest()
        + "\",\"size\":" + d.size() + "}";
  }
}
