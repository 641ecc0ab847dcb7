package dev.hangar.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds plugin JARs in tests: compiles Java sources in-process (one compiler task per JAR, with
 * {@code javax.tools}) against a given class path, and packs them with a manifest, service
 * entries, bundled {@code lib/*.jar} libraries and any other entries. Depends on the JDK only.
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.create()
 *     .classPath(PluginJarBuilder.classPathOf(PluginInit.class))
 *     .apiVersion("1.0")
 *     .source("p.Init",
 *         "package p; public final class Init implements dev.hangar.api.PluginInit {...}")
 *     .service("dev.hangar.api.PluginInit", "p.Init")
 *     .writeTo(dir.resolve("acme-resource-plugin-demo.jar"));
 * }</pre>
 *
 * <p>A library added with {@link #library} is compiled on its own and bundled as
 * {@code lib/<name>}; its classes are also on the class path when this JAR's sources compile.
 * {@link #raw} replaces the whole file with the given bytes, for corrupt JARs.
 *
 * <p>Not thread-safe; each {@code writeTo} compiles afresh. Compiles with {@code --release 21}.
 *
 * @since 0.1
 */
public final class PluginJarBuilder {
  /** The service file naming a JAR plugin's entry point. */
  public static final String PLUGIN_INIT_SERVICE = "dev.hangar.api.PluginInit";

  private final List<Path> classPath = new ArrayList<>();
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final Map<String, List<String>> services = new LinkedHashMap<>();
  private final Map<String, PluginJarBuilder> libraries = new LinkedHashMap<>();
  private final Map<String, byte[]> entries = new LinkedHashMap<>();
  private byte[] raw;

  private PluginJarBuilder() {}

  /** An empty builder: no sources, a manifest with only {@code Manifest-Version}. */
  public static PluginJarBuilder create() {
    return new PluginJarBuilder();
  }

  /**
   * The class path entries (directories or JARs) holding each class, e.g. the hangar-api classes
   * for {@code classPathOf(PluginInit.class)}.
   */
  public static List<Path> classPathOf(Class<?>... classes) {
    List<Path> out = new ArrayList<>();
    for (Class<?> c : classes) {
      try {
        Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!out.contains(p)) {
          out.add(p);
        }
      } catch (URISyntaxException | NullPointerException e) {
        throw new IllegalArgumentException("no class path location for " + c.getName(), e);
      }
    }
    return out;
  }

  /** Adds class path entries for compiling the sources. */
  public PluginJarBuilder classPath(List<Path> entries) {
    classPath.addAll(entries);
    return this;
  }

  /**
   * Adds a source file.
   *
   * @param className the fully qualified name of its top-level class, e.g. {@code p.Init}
   * @param code the Java source
   */
  public PluginJarBuilder source(String className, String code) {
    sources.put(Objects.requireNonNull(className, "className"),
        Objects.requireNonNull(code, "code"));
    return this;
  }

  /** Sets a main manifest attribute. */
  public PluginJarBuilder manifest(String name, String value) {
    manifest.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Sets the manifest's {@code Hangar-Api-Version}, e.g. {@code 1.0} (absent by default). */
  public PluginJarBuilder apiVersion(String version) {
    return manifest("Hangar-Api-Version", version);
  }

  /** Adds a line to {@code META-INF/services/<service>}. */
  public PluginJarBuilder service(String service, String implementation) {
    services.computeIfAbsent(service, s -> new ArrayList<>()).add(implementation);
    return this;
  }

  /** Adds a line to {@code META-INF/services/dev.hangar.api.PluginInit}. */
  public PluginJarBuilder pluginInit(String implementation) {
    return service(PLUGIN_INIT_SERVICE, implementation);
  }

  /**
   * Bundles a library as {@code lib/<fileName>}, built by {@code library} when this JAR is
   * written. Its classes are on this JAR's compile class path.
   */
  public PluginJarBuilder library(String fileName, PluginJarBuilder library) {
    if (fileName.contains("/")) {
      throw new IllegalArgumentException("a library file name, not a path: " + fileName);
    }
    libraries.put(fileName, Objects.requireNonNull(library, "library"));
    return this;
  }

  /** Adds an arbitrary entry, e.g. a resource. */
  public PluginJarBuilder entry(String name, byte[] content) {
    entries.put(Objects.requireNonNull(name, "name"), content.clone());
    return this;
  }

  /** Adds an arbitrary UTF-8 text entry. */
  public PluginJarBuilder entry(String name, String content) {
    return entry(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Makes {@link #writeTo} write exactly these bytes instead of a JAR (a corrupt JAR). */
  public PluginJarBuilder raw(byte[] bytes) {
    this.raw = bytes.clone();
    return this;
  }

  /**
   * Compiles and writes the JAR, creating its parent directories.
   *
   * @return {@code file}
   * @throws IllegalStateException when the sources do not compile (with the diagnostics)
   * @throws UncheckedIOException when the file cannot be written
   */
  public Path writeTo(Path file) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.write(file, toBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles and returns the JAR's bytes. */
  public byte[] toBytes() {
    if (raw != null) {
      return raw.clone();
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("hangar-jarbuilder");
      return build(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(work);
    }
  }

  private byte[] build(Path work) throws IOException {
    Map<String, byte[]> libJars = new LinkedHashMap<>();
    List<Path> cp = new ArrayList<>(classPath);
    for (Map.Entry<String, PluginJarBuilder> lib : libraries.entrySet()) {
      byte[] bytes = lib.getValue().toBytes();
      libJars.put(lib.getKey(), bytes);
      Path libFile = work.resolve("cp-" + libJars.size() + ".jar");
      Files.write(libFile, bytes);
      cp.add(libFile);
    }
    Path classes = Files.createDirectories(work.resolve("classes"));
    compile(classes, cp);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest())) {
      try (Stream<Path> walk = Files.walk(classes)) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          put(jar, classes.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
      for (Map.Entry<String, List<String>> s : services.entrySet()) {
        put(jar, "META-INF/services/" + s.getKey(),
            (String.join("\n", s.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      for (Map.Entry<String, byte[]> lib : libJars.entrySet()) {
        put(jar, "lib/" + lib.getKey(), lib.getValue());
      }
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        put(jar, e.getKey(), e.getValue());
      }
    }
    return bytes.toByteArray();
  }

  private Manifest manifest() {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((k, v) -> m.getMainAttributes().put(new Attributes.Name(k), v));
    return m;
  }

  private void compile(Path out, List<Path> cp) throws IOException {
    if (sources.isEmpty()) {
      return;
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
    }
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, code) -> units.add(new Source(name, code)));
    List<String> options = new ArrayList<>(List.of("-d", out.toString(), "--release", "21",
        "-proc:none", "-nowarn"));
    if (!cp.isEmpty()) {
      options.add("-classpath");
      options.add(String.join(java.io.File.pathSeparator,
          cp.stream().map(Path::toString).toList()));
    }
    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        compiler.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
      Boolean ok = compiler.getTask(null, fm, diags, options, null, units).call();
      if (!Boolean.TRUE.equals(ok)) {
        StringBuilder sb = new StringBuilder("sources do not compile:");
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
          if (d.getKind() == Diagnostic.Kind.ERROR) {
            sb.append('\n').append(d.getSource() == null ? "" : d.getSource().getName())
                .append(':').append(d.getLineNumber()).append(": ")
                .append(d.getMessage(Locale.ROOT));
          }
        }
        throw new IllegalStateException(sb.toString());
      }
    }
  }

  private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
    JarEntry e = new JarEntry(name);
    e.setTime(0L);
    jar.putNextEntry(e);
    jar.write(content);
    jar.closeEntry();
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort: a leftover temp dir is harmless
    }
  }

  /** A source held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String className, String code) {
      super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
