package dev.hangar.cli;

import dev.hangar.managed.internal.ref.References;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Digest;
import dev.hangar.registry.Reference;
import dev.hangar.registry.RegistryClient;
import dev.hangar.registry.sign.PushedSignature;
import dev.hangar.registry.sign.Signer;
import dev.hangar.registry.sign.SigningKey;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code hangar plugin push NAME}: pushes a managed plugin to the repository its name names,
 * through the daemon ({@code POST /plugins/{name}/push}), showing its progress as
 * {@code docker plugin push} does; the last line gives the tag, digest and size pushed. With
 * {@code --sign-key FILE} the CLI then signs that digest ({@link Signer}, the user's Docker
 * credentials).
 */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = {"Push a managed plugin to a registry (through the daemon), as docker plugin "
        + "push: NAME names the repository and tag, e.g. 127.0.0.1:5000/team/vol:1.0.",
        "With --jar FILE or --exec DIR, push a JAR plugin or an exec bundle as Hangar's "
        + "artifact to the reference NAME (no daemon needed); install it with hangar plugin "
        + "install."})
final class PluginPushCommand implements Callable<Integer> {
  @ParentCommand PluginCommand parent;

  @Parameters(index = "0", paramLabel = "NAME",
      description = "The plugin's name or ID; with --jar or --exec, the reference to push to.")
  String name;

  @Mixin RegistryFlags registries = new RegistryFlags();

  @Option(names = "--jar", paramLabel = "FILE",
      description = "Push this plugin JAR (<vendor>-<type>-plugin-<name>.jar), checked as a "
          + "host would check it first.")
  Path jar;

  @Option(names = "--exec", paramLabel = "DIR",
      description = "Push this exec bundle: a directory with .plugin.toml and the executables "
          + "it names (inside DIR).")
  Path execDir;

  @Option(names = "--description", paramLabel = "TEXT",
      description = "With --jar or --exec: the description the installed plugin shows.")
  String description = "";

  @Option(names = "--sign-key", paramLabel = "FILE",
      description = "Sign the pushed manifest with this private key (unencrypted PEM), as "
          + "cosign sign --key: the signature goes to <repo>:sha256-<hex>.sig.")
  Path signKey;

  @Override
  public Integer call() {
    HangarCommand top = parent.top;
    PrintStream out = top.context().out();
    ProgressLines progress = new ProgressLines(out, Terminals.output(top.context()));
    if (jar != null || execDir != null) {
      return ArtifactPush.push(top, this, progress);
    }
    try (DaemonLink daemon = DaemonLink.of(top)) {
      // The registry is the plugin's name's. A name that names it is used as it is (as docker
      // plugin push does); an ID or a short name is asked of the daemon first.
      String stored = References.namesRegistry(name) ? name
          : daemon.client().inspect(name).path("Name").asText(name);
      SigningKey key = signKey == null ? null : SigningKey.load(signKey.toAbsolutePath());
      AtomicReference<String> digest = new AtomicReference<>();
      daemon.client().push(name, RegistryAuths.forReference(top.context(), stored), m -> {
        if (m.path("aux").hasNonNull("Digest")) {
          digest.set(m.path("aux").path("Digest").asText());
        }
        progress.accept(m);
      });
      if (key != null) {
        sign(top.context(), stored, digest.get(), key);
      }
    }
    return 0;
  }

  /** Signs {@code digest} pushed to {@code stored} when {@code --sign-key} was given. */
  void signIfAsked(CliContext ctx, String stored, String digest) {
    if (signKey != null) {
      sign(ctx, stored, digest, SigningKey.load(signKey.toAbsolutePath()));
    }
  }

  private void sign(CliContext ctx, String stored, String digest, SigningKey key) {
    if (digest == null) {
      throw new HangarException(ErrorCode.INTERNAL, "the daemon's push of " + stored
          + " gave no digest to sign");
    }
    Reference ref = References.pushTarget(stored);
    try (RegistryClient client = registries.client(ctx)) {
      PushedSignature s = Signer.sign(client, ref, Digest.parse(digest), key);
      ctx.out().println("Signed " + ref.name() + "@" + digest + " with " + key.name() + ": "
          + s.signatures());
    }
  }
}
