package dev.hangar.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.PluginHost;
import dev.hangar.api.PluginInit;
import dev.hangar.testkit.PluginJarBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads through resource plugins loaded from real JARs built in the test. */
class PluginSchemeTest {
  @TempDir Path dir;

  /** A resource plugin serving files under the directory in its "dir" option, with ranges. */
  static PluginJarBuilder dirPlugin(String scheme) {
    return PluginJarBuilder.create().classPath(PluginJarBuilder.classPathOf(PluginInit.class))
        .apiVersion("1.0")
        .source("p.Init", "package p;\nimport dev.hangar.api.*;\nimport java.util.*;\n"
            + "public final class Init implements PluginInit {\n"
            + "  public Loaded init(Map<String, String> o) {\n"
            + "    return new Loaded(new Client(java.nio.file.Path.of(o.get(\"dir\"))), Map.of("
            + "\"type\", \"resource\", \"name\", \"dirfs\", \"scheme\", \"" + scheme + "\"));\n"
            + "  }\n}\n")
        .source("p.Client", "package p;\nimport dev.hangar.api.resource.*;\nimport java.io.*;\n"
            + "import java.nio.file.*;\nimport java.util.*;\n"
            + "public final class Client implements ResourceClient {\n"
            + "  private final Path root;\n"
            + "  Client(Path root) { this.root = root; }\n"
            + "  private Path p(ResourceRequest r) { return root.resolve(r.uri().getPath()"
            + ".substring(1)); }\n"
            + "  private String tag(ResourceRequest r) throws IOException {\n"
            + "    return Files.size(p(r)) + \"-\" + Files.getLastModifiedTime(p(r)).toMillis(); }\n"
            + "  public long contentLength(ResourceRequest r) throws IOException {"
            + " return Files.size(p(r)); }\n"
            + "  public boolean supportsRange(ResourceRequest r) { return true; }\n"
            + "  public boolean isExpired(ResourceRequest r, ExpireInfo i) throws IOException {\n"
            + "    return !tag(r).equals(i.etag()); }\n"
            + "  public ResourceResponse download(ResourceRequest r) throws IOException {\n"
            + "    if (!Files.exists(p(r))) throw new FileNotFoundException(r.uri().toString());\n"
            + "    byte[] all = Files.readAllBytes(p(r));\n"
            + "    ExpireInfo e = new ExpireInfo(null, tag(r));\n"
            + "    if (r.range() == null) return ResourceResponse.of(new ByteArrayInputStream(all),"
            + " all.length).withExpireInfo(e);\n"
            + "    int end = r.range().end() == -1 ? all.length : (int) r.range().end() + 1;\n"
            + "    byte[] s = Arrays.copyOfRange(all, (int) r.range().start(), end);\n"
            + "    return ResourceResponse.of(new ByteArrayInputStream(s), s.length)"
            + ".withStatus(206).withExpireInfo(e); }\n"
            + "  public long lastModified(ResourceRequest r) throws IOException {"
            + " return Files.getLastModifiedTime(p(r)).toMillis(); }\n}\n")
        .pluginInit("p.Init");
  }

  PluginHost host(String scheme) throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    dirPlugin(scheme).writeTo(plugins.resolve("t-resource-plugin-dirfs.jar"));
    Path served = Files.createDirectories(dir.resolve("served"));
    return PluginHost.builder().pluginDirs(List.of(plugins))
        .pluginOptions(f -> Map.of("dir", served.toString())).build();
  }

  @Test
  void aPluginSchemeDownloadsResumesAndSkipsACurrentCopy() throws Exception {
    try (PluginHost host = host("dirfs")) {
      byte[] body = DownloaderTest.bytes(300_000, 5);
      Files.write(dir.resolve("served/a.bin"), body);
      Downloader d = new Downloader(ResourceRegistry.withBuiltins(host.resourceClients(), false));
      Path target = dir.resolve("a.bin");
      URI uri = URI.create("DirFS://any/a.bin");

      Files.write(dir.resolve(".a.bin.hangar-part"), Arrays.copyOf(body, 1000));
      DownloadResult first = d.download(DownloadRequest.of(uri, target).withResume(true),
          DownloadListener.NONE);
      assertThat(first.outcome()).isEqualTo(DownloadResult.Outcome.DOWNLOADED);
      assertThat(Files.readAllBytes(target)).isEqualTo(body);
      assertThat(d.download(DownloadRequest.of(uri, target), DownloadListener.NONE).outcome())
          .isEqualTo(DownloadResult.Outcome.UP_TO_DATE);

      Path slice = dir.resolve("slice.bin");
      d.download(DownloadRequest.of(uri, slice).withRange(new dev.hangar.api.resource.ByteRange(
          10, 19)), DownloadListener.NONE);
      assertThat(Files.readAllBytes(slice)).isEqualTo(Arrays.copyOfRange(body, 10, 20));
    }
  }

  @Test
  void aPluginForHttpIsRefusedUnlessAllowed() throws Exception {
    try (PluginHost host = host("http")) {
      Files.writeString(dir.resolve("served/x.txt"), "from the plugin");
      ResourceRegistry strict = ResourceRegistry.withBuiltins(host.resourceClients(), false);
      assertThat(strict.refused()).singleElement()
          .satisfies(r -> assertThat(r.reason()).contains("'http' is built in"));

      ResourceRegistry lenient = ResourceRegistry.withBuiltins(host.resourceClients(), true);
      Path out = dir.resolve("x.txt");
      new Downloader(lenient).download(
          DownloadRequest.of(URI.create("http://nowhere.invalid/x.txt"), out),
          DownloadListener.NONE);
      assertThat(out).hasContent("from the plugin");
    }
  }
}
