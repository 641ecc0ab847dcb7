package dev.hangar.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Small plugins of Hangar's own kinds that tests build: a resource JAR, an exec bundle. */
public final class TestPlugins {
  private TestPlugins() {}

  /**
   * A resource plugin JAR ({@code type} resource, class {@code q.Init}) named {@code name} for
   * {@code scheme}, serving for every URI its option {@code text} (else {@code defaultText})
   * followed by a newline.
   *
   * @param api the class path of hangar-api ({@code classPathOf(PluginInit.class)})
   */
  public static PluginJarBuilder resource(List<Path> api, String name, String scheme,
      String defaultText) {
    return PluginJarBuilder.create().classPath(api).apiVersion("1.0")
        .source("q.Init", "package q;\nimport dev.hangar.api.*;\nimport java.util.*;\n"
            + "public final class Init implements PluginInit {\n"
            + "  public Loaded init(Map<String, String> o) {\n"
            + "    return new Loaded(new Client(o.getOrDefault(\"text\", \"" + defaultText
            + "\")), Map.of(\"type\", \"resource\", \"name\", \"" + name + "\", \"scheme\", \""
            + scheme + "\"));\n  }\n}\n")
        .source("q.Client", "package q;\nimport dev.hangar.api.resource.*;\nimport java.io.*;\n"
            + "public final class Client implements ResourceClient {\n"
            + "  private final byte[] b;\n"
            + "  Client(String t) { b = (t + \"\\n\").getBytes(); }\n"
            + "  public long contentLength(ResourceRequest r) { return b.length; }\n"
            + "  public boolean supportsRange(ResourceRequest r) { return false; }\n"
            + "  public boolean isExpired(ResourceRequest r, ExpireInfo i) { return true; }\n"
            + "  public ResourceResponse download(ResourceRequest r) {\n"
            + "    return ResourceResponse.of(new ByteArrayInputStream(b), b.length); }\n"
            + "  public long lastModified(ResourceRequest r) { return -1; }\n}\n")
        .pluginInit("q.Init");
  }

  /**
   * Writes an exec bundle into {@code dir}: a {@code .plugin.toml} declaring {@code domain}
   * with the one export {@code method}, run by {@code bin/<domain>}, a shell script of
   * {@code body}.
   *
   * @return {@code dir}
   */
  public static Path execBundle(Path dir, String domain, String method, String body) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(".plugin.toml"), "[plugin." + domain + "]\npath = \"bin/"
          + domain + "\"\nexports = [\"" + method + "\"]\n");
      Path exe = Files.createDirectories(dir.resolve("bin")).resolve(domain);
      Files.writeString(exe, "#!/bin/sh\n" + body + "\n");
      Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
