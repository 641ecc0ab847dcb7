package dev.hangar.managed;

import dev.hangar.managed.internal.artifact.ArtifactConfig;
import dev.hangar.managed.internal.artifact.ArtifactUnpack;
import dev.hangar.managed.internal.artifact.JarFacts;
import dev.hangar.managed.internal.dist.ArtifactPusher;
import dev.hangar.managed.internal.ref.References;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * JAR plugins and exec bundles pushed to a registry as Hangar's artifacts ({@code
 * docs/protocol.md} section 16), to be installed with {@link ManagedPlugins#pull} like any
 * plugin image. Stateless: no managed root is needed.
 *
 * @since 0.3
 */
public final class PluginArtifacts {
  private PluginArtifacts() {}

  /**
   * Pushes the plugin JAR {@code jar} to {@code ref}, after the checks every host makes before
   * loading it (its file name, its manifest's {@code Hangar-Api-Version} accepted by this
   * Hangar, its {@code PluginInit} service file).
   *
   * @param ref the target, normalised as Docker does ({@code x} is {@code docker.io/library/x:latest})
   * @param description shown as the installed plugin's description; empty for {@code JAR plugin <file>}
   * @throws HangarException PACKAGE_INVALID, API_VERSION_MISMATCH naming the JAR;
   *     INVALID_PLUGIN_NAME; the registry client's codes
   */
  public static PushResult pushJar(RegistryClient client, Path jar, String ref,
      String description, Consumer<ProgressMessage> progress) {
    Reference target = References.pushTarget(References.normalize(ref));
    if (!Files.isRegularFile(jar)) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, jar + " is not a file");
    }
    JarFacts facts = JarFacts.read(jar, jar.getFileName().toString());
    ArtifactConfig config = ArtifactConfig.jar(description, facts.file(),
        facts.apiVersion().toString());
    return ArtifactPusher.pushJar(client, target, config, jar, progress);
  }

  /**
   * Pushes the exec bundle {@code dir} (its {@code .plugin.toml} and the executables it names)
   * to {@code ref}. The caller has checked the declarations ({@code domains} are the domains
   * they declare).
   *
   * @throws HangarException PACKAGE_INVALID (no {@code .plugin.toml}, no domain);
   *     INVALID_PLUGIN_NAME; the registry client's codes
   */
  public static PushResult pushExec(RegistryClient client, Path dir, List<String> domains,
      String ref, String description, Consumer<ProgressMessage> progress) {
    Reference target = References.pushTarget(References.normalize(ref));
    if (!Files.isRegularFile(dir.resolve(ArtifactUnpack.DECLARATIONS),
        LinkOption.NOFOLLOW_LINKS)) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, dir + " is not an exec bundle: it has"
          + " no " + ArtifactUnpack.DECLARATIONS + " (a regular file) at its top");
    }
    if (domains.isEmpty()) {
      throw new HangarException(ErrorCode.PACKAGE_INVALID, dir.resolve(
          ArtifactUnpack.DECLARATIONS) + " declares no [plugin.<domain>] table");
    }
    return ArtifactPusher.pushExec(client, target, ArtifactConfig.exec(description, domains),
        dir, progress);
  }
}
