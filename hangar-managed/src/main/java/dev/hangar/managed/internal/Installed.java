package dev.hangar.managed.internal;

import dev.hangar.managed.InstalledPlugins;
import dev.hangar.managed.PluginKind;
import dev.hangar.managed.internal.store.AtomicFiles;
import dev.hangar.managed.internal.store.SavedPlugin;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Where hosts find the enabled JAR and exec plugins of a root ({@code docs/protocol.md} section
 * 16.4): {@code <managed>/jars/<file>.jar}, a symbolic link to {@code ../<id>/rootfs/<file>.jar},
 * and {@code <managed>/exec/<id>}, a link to {@code ../<id>/rootfs}. Links are made under a
 * hidden name and renamed into place, so a host sees one whole or none; enabled means linked.
 * {@link #reconcile} makes the links match the saved state after a crash.
 */
final class Installed {
  private static final Logger LOG = Logger.getLogger(Installed.class.getName());

  private final Path jars;
  private final Path exec;

  /** @param root the Hangar root */
  Installed(Path root) {
    this.jars = InstalledPlugins.jarDir(root);
    this.exec = InstalledPlugins.execDir(root);
  }

  /**
   * Links an enabled plugin of Hangar's kinds for the hosts.
   *
   * @throws HangarException PLUGIN_EXISTS when another plugin's JAR of that file name is
   *     enabled; IO_ERROR
   */
  void publish(SavedPlugin s) {
    PluginKind kind = PluginKind.of(s.config());
    try {
      if (kind == PluginKind.JAR) {
        String file = s.config().entrypoint().get(0);
        Path link = jars.resolve(file);
        Optional<String> holder = owner(link);
        if (holder.isPresent() && !holder.get().equals(s.id())) {
          throw new HangarException(ErrorCode.PLUGIN_EXISTS, "managed plugin " + s.name()
              + ": the JAR plugin " + file + " is already enabled as managed plugin "
              + holder.get().substring(0, 12) + "; disable it first");
        }
        link(link, Path.of("..", s.id(), "rootfs", file));
      } else if (kind == PluginKind.EXEC) {
        link(exec.resolve(s.id()), Path.of("..", s.id(), "rootfs"));
      }
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "managed plugin " + s.name()
          + ": cannot publish it for the hosts: " + e, e);
    }
  }

  /** Removes the links of plugin {@code id}, whatever its kind. */
  void unpublish(String id) {
    try {
      Files.deleteIfExists(exec.resolve(id));
      for (Path link : links(jars)) {
        if (owner(link).filter(id::equals).isPresent()) {
          Files.deleteIfExists(link);
        }
      }
      sync();
    } catch (IOException e) {
      throw new HangarException(ErrorCode.IO_ERROR, "managed plugin " + id.substring(0, 12)
          + ": cannot withdraw it from the hosts: " + e, e);
    }
  }

  /**
   * Removes the links that do not match {@code plugins} (those of unknown or disabled plugins,
   * and hidden leftovers of an interrupted link); the enabled ones are linked again by their
   * enable when the owner starts.
   */
  void reconcile(Collection<SavedPlugin> plugins) {
    Set<String> enabled = new HashSet<>();
    for (SavedPlugin s : plugins) {
      if (s.enabled() && PluginKind.of(s.config()) != PluginKind.DOCKER) {
        enabled.add(s.id());
      }
    }
    try {
      for (Path dir : new Path[] {jars, exec}) {
        for (Path link : links(dir)) {
          if (!Files.isSymbolicLink(link)) {
            LOG.warning(link + " is not a link Hangar made; left alone");
            continue;
          }
          boolean keep = !link.getFileName().toString().startsWith(".")
              && owner(link).filter(enabled::contains).isPresent();
          if (!keep) {
            LOG.info("removing " + link + " (its plugin is gone or disabled)");
            Files.deleteIfExists(link);
          }
        }
      }
    } catch (IOException e) {
      LOG.warning("cannot clear the links of installed plugins: " + e);
    }
  }

  private void link(Path link, Path target) throws IOException {
    Path dir = link.getParent();
    AtomicFiles.privateDir(dir.getParent());
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + link.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, target);
    Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    AtomicFiles.syncDir(dir);
  }

  private void sync() throws IOException {
    for (Path dir : new Path[] {jars, exec}) {
      if (Files.isDirectory(dir)) {
        AtomicFiles.syncDir(dir);
      }
    }
  }

  /** The ID a link of ours points into ({@code ../<id>/rootfs...}), if it is one. */
  private static Optional<String> owner(Path link) {
    try {
      Path target = Files.readSymbolicLink(link);
      return target.getNameCount() >= 3 && target.getName(0).toString().equals("..")
          ? Optional.of(target.getName(1).toString()) : Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty(); // gone, or not a link
    }
  }

  private static java.util.List<Path> links(Path dir) throws IOException {
    java.util.List<Path> out = new java.util.ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(out::add);
    } catch (NoSuchFileException e) {
      // nothing published yet
    }
    return out;
  }
}
