package dev.hangar.cli;

import dev.hangar.JarPluginInfo;
import dev.hangar.JarPluginState;
import dev.hangar.PluginHost;
import dev.hangar.api.resource.ByteRange;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.protocol.TlsSettings;
import dev.hangar.resource.DownloadRequest;
import dev.hangar.resource.DownloadResult;
import dev.hangar.resource.Downloader;
import dev.hangar.resource.ExpectedDigest;
import dev.hangar.resource.RefusedScheme;
import dev.hangar.resource.ResourceRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hangar get URL}: downloads a resource through the client for its scheme. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Download a resource through the client for its URL's scheme (http, https, "
        + "file, or a resource plugin's).",
        "Writes .NAME.hangar-part and renames it on success; keeps .NAME.hangar-meta so that "
            + "running it again skips a current copy."})
final class GetCommand implements Callable<Integer> {
  @ParentCommand HangarCommand top;

  @Parameters(index = "0", paramLabel = "URL", description = "The resource.")
  String url;

  @Option(names = {"-O", "--output"}, paramLabel = "FILE",
      description = "Where to write (default: the URL's last path segment, in the current dir).")
  Path output;

  @Option(names = "--range", paramLabel = "A-B",
      description = "Only bytes A to B (inclusive, from 0); A- for A to the end.")
  String range;

  @Option(names = "--resume", description = "Continue a partial download with a range when "
      + "the resource is unchanged and ranges are supported; else start over.")
  boolean resume;

  @Option(names = "--digest", paramLabel = "sha256:HEX",
      description = "Verify the bytes (sha256 or sha512); on a mismatch nothing is kept.")
  String digest;

  @Option(names = "--no-sync",
      description = "Do not force the bytes to disk before the final rename.")
  boolean noSync;

  @Option(names = "--cacert", paramLabel = "FILE",
      description = "Trust the CA certificates of this PEM file for https, instead of the "
          + "JDK's trust store.")
  Path cacert;

  @Option(names = "--stall-timeout", paramLabel = "DURATION",
      converter = DurationConverter.Positive.class,
      description = "Give up when nothing moves for this long: no byte arrives, or a resource "
          + "plugin's call does not return (default 60s). A partial file is kept for --resume.")
  Duration stallTimeout;

  @Option(names = "--plugins-replace-builtins",
      description = "Let resource plugins replace the built-in http, https and file clients.")
  boolean pluginsReplaceBuiltins;

  @Override
  public Integer call() {
    PrintStream err = top.context().err();
    URI uri = parseUri(url);
    ByteRange r = GetRange.parse(range);
    ExpectedDigest d = digest == null ? null : ExpectedDigest.parse(digest);
    Path target = target(uri);
    DownloadResult result;
    try (PluginHost host = HostFactory.open(top)) {
      TlsSettings tls = cacert == null ? TlsSettings.SYSTEM
          : new TlsSettings(cacert.toAbsolutePath(), null, null, false);
      ResourceRegistry registry =
          ResourceRegistry.withBuiltins(host.resourceClients(), pluginsReplaceBuiltins, tls);
      for (RefusedScheme refused : registry.refused()) {
        err.println("Warning: resource plugin for scheme '" + refused.scheme() + "' not used: "
            + refused.reason());
      }
      requireScheme(registry, host, uri);
      DownloadRequest req = new DownloadRequest(uri, target, r, resume, d, Map.of(), !noSync);
      result = new Downloader(registry,
          stallTimeout != null ? stallTimeout : Downloader.DEFAULT_STALL_TIMEOUT)
          .download(req, ProgressBar.forTerminal(err));
    }
    PrintStream out = top.context().out();
    switch (result.outcome()) {
      case UP_TO_DATE -> out.println(result.file() + " is up to date");
      case RESUMED -> out.println("Resumed " + result.file() + ": " + result.transferred()
          + " bytes transferred, " + result.size() + " in all");
      case DOWNLOADED -> out.println("Saved " + result.file() + " (" + result.size()
          + " bytes)");
    }
    return 0;
  }

  /**
   * Fails early for a scheme nobody serves; when resource plugin JARs were refused, the error
   * names them (one of them may be the plugin meant).
   */
  private static void requireScheme(ResourceRegistry registry, PluginHost host, URI uri) {
    try {
      registry.require(uri);
    } catch (HangarException e) {
      List<String> refused = host.jarPlugins().stream()
          .filter(p -> p.state() == JarPluginState.FAILED && p.type().equals("resource"))
          .map(JarPluginInfo::fileName).toList();
      if (e.code() != ErrorCode.UNKNOWN_SCHEME || refused.isEmpty()) {
        throw e;
      }
      throw new HangarException(ErrorCode.UNKNOWN_SCHEME, e.getMessage() + "; refused resource "
          + "plugins: " + String.join(", ", refused) + " ('hangar plugin validate' says why)", e);
    }
  }

  private Path target(URI uri) {
    if (output != null) {
      Path t = output.toAbsolutePath();
      if (Files.isDirectory(t)) {
        throw new HangarException(ErrorCode.USAGE, "-O " + output + " is a directory; give a "
            + "file name");
      }
      return t;
    }
    String name = Downloader.fileNameOf(uri).orElseThrow(() -> new HangarException(
        ErrorCode.USAGE, "cannot name the file after " + uri + " (its last path segment is "
            + "empty, '.' or '..'); give -O FILE"));
    return Path.of("").toAbsolutePath().resolve(name);
  }

  private static URI parseUri(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null) {
        throw new HangarException(ErrorCode.USAGE,
            "URL '" + text + "' has no scheme (such as https:// or file://)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new HangarException(ErrorCode.USAGE, "bad URL '" + text + "': " + e.getMessage(), e);
    }
  }
}
