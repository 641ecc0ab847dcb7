package dev.hangar;

import dev.hangar.api.PluginInit;
import dev.hangar.testkit.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;

/** Plugin JARs for the tests, built with {@link PluginJarBuilder}. */
final class JarFixtures {
  static final List<Path> API = PluginJarBuilder.classPathOf(PluginInit.class);

  private JarFixtures() {}

  /**
   * A plugin whose init returns {@code implementation} (a Java expression) with the attributes
   * {@code attrs} (a Java expression of a {@code Map<String, String>}). Class {@code pkg.Init}.
   * {@code extra} is added to the Init class body.
   */
  static PluginJarBuilder plugin(String pkg, String implementation, String attrs, String extra) {
    return PluginJarBuilder.create().classPath(API).apiVersion("1.0")
        .source(pkg + ".Init", "package " + pkg + ";\n"
            + "import dev.hangar.api.*;\nimport java.util.*;\n"
            + "public final class Init implements PluginInit {\n"
            + "  public Loaded init(Map<String, String> options) throws Exception {\n"
            + "    return new Loaded(" + implementation + ", " + attrs + ");\n  }\n"
            + extra + "\n}\n")
        .pluginInit(pkg + ".Init");
  }

  /** A plugin of {@code type}/{@code name} whose implementation is a {@code Supplier<String>}. */
  static PluginJarBuilder supplier(String pkg, String type, String name, String valueExpr) {
    return plugin(pkg, "(java.util.function.Supplier<String>) () -> " + valueExpr,
        "Map.of(\"type\", \"" + type + "\", \"name\", \"" + name + "\")", "");
  }

  /** A resource plugin for {@code scheme} serving the bytes of {@code text} for every URI. */
  static PluginJarBuilder resource(String pkg, String name, String scheme) {
    return PluginJarBuilder.create().classPath(API).apiVersion("1.0")
        .source(pkg + ".Init", "package " + pkg + ";\n"
            + "import dev.hangar.api.*;\nimport java.util.*;\n"
            + "public final class Init implements PluginInit {\n"
            + "  public Loaded init(Map<String, String> o) {\n"
            + "    return new Loaded(new Client(o.getOrDefault(\"text\", \"hello\")), Map.of("
            + "\"type\", \"resource\", \"name\", \"" + name + "\", \"scheme\", \"" + scheme
            + "\", \"buildCommit\", \"abc123\", \"vendor\", \"acme\"));\n  }\n}\n")
        .source(pkg + ".Client", "package " + pkg + ";\n"
            + "import dev.hangar.api.resource.*;\nimport java.io.*;\nimport java.util.*;\n"
            + "public final class Client implements ResourceClient, ResourceLister, AutoCloseable {\n"
            + "  public static volatile boolean closed;\n"
            + "  private final byte[] body;\n"
            + "  Client(String text) { body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8); }\n"
            + "  public long contentLength(ResourceRequest r) { return body.length; }\n"
            + "  public boolean supportsRange(ResourceRequest r) { return false; }\n"
            + "  public boolean isExpired(ResourceRequest r, ExpireInfo i) { return true; }\n"
            + "  public ResourceResponse download(ResourceRequest r) {\n"
            + "    return ResourceResponse.of(new ByteArrayInputStream(body), body.length); }\n"
            + "  public long lastModified(ResourceRequest r) { return -1; }\n"
            + "  public List<ResourceEntry> list(ResourceRequest r) { return List.of(); }\n"
            + "  public void close() { closed = true; }\n}\n")
        .pluginInit(pkg + ".Init");
  }
}
