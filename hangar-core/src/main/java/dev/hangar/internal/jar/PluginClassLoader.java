package dev.hangar.internal.jar;

import dev.hangar.api.PluginInit;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipException;

/**
 * The class loader of one JAR plugin. Classes of {@code java.*}, of every other package the JDK
 * provides ({@code javax.net}, {@code org.w3c.dom}, {@code jdk.*}... : the packages of the boot
 * layer's boot and platform modules), and of {@code dev.hangar.api.*} come from the host (the
 * platform class loader and the loader of the API); everything else comes from the plugin only
 * (its own classes, then its bundled {@code lib/*.jar} libraries in name order). So a plugin may
 * bundle a {@code javax.*} library the JDK lacks. Host classes other than the API are invisible,
 * and so are other plugins' classes: the platform class loader is not asked for them, since on
 * the module path it hands the packages of the host's named modules to the application loader.
 *
 * <p>Reads from memory ({@link JarContents}): no file stays open, nothing is extracted; classes
 * and resources are inflated when first asked for. Resource URLs use a private
 * {@code hangar-plugin:} scheme served by this loader; {@link #getResourceAsStream} skips the URL.
 * {@link #close()} drops the bytes; later lookups fail.
 */
final class PluginClassLoader extends ClassLoader implements Closeable {
  static {
    registerAsParallelCapable();
  }

  private static final String API_PREFIX = "dev.hangar.api.";
  /** The loader of the API the host was built with: plugins share its classes. */
  private static final ClassLoader API_LOADER = PluginInit.class.getClassLoader();

  /**
   * The {@code java.*} classes the platform class loader gave and the {@code dev.hangar.api.*}
   * classes the API's loader gave, shared by every plugin's loader (those two loaders are the
   * same for all): a plugin's first use of {@code java.lang.String} then costs a map lookup, not
   * a loader's lock and native lookup (about 15 % of loading 500 small plugins). Holds only
   * classes of the JDK and of the API, which live as long as this class.
   */
  private static final ConcurrentHashMap<String, Class<?>> HOST_CLASSES =
      new ConcurrentHashMap<>();

  /** The packages of the JDK's own modules: loaded from the host, never from a plugin. */
  private static final java.util.Set<String> JDK_PACKAGES = jdkPackages();

  private final List<String> archiveNames;
  private final ProtectionDomain domain;
  private final Handler handler = new Handler();
  private volatile List<ZipIndex> archives;

  PluginClassLoader(Path file, JarContents contents) {
    super("hangar-plugin:" + file.getFileName(), ClassLoader.getPlatformClassLoader());
    this.archives = contents.archives();
    this.archiveNames = contents.archiveNames();
    this.domain = new ProtectionDomain(new CodeSource(location(file), (Certificate[]) null), null,
        this, null);
  }

  /**
   * The {@code file:} URL of the JAR, as {@code new URI("file", null, path, null).toURL()} gives
   * it; not {@code Path.toUri()}, which asks the file system whether the path is a directory.
   * A path of URL-safe characters only (the usual case) skips the URI's quoting and parsing.
   */
  @SuppressWarnings("deprecation") // URL(String, String, String): no parsing, unlike URL.of
  static URL location(Path file) {
    String path = file.toAbsolutePath().toString();
    try {
      if (urlSafe(path)) {
        return new URL("file", "", path);
      }
      return new URI("file", null, path, null).toURL();
    } catch (URISyntaxException | java.net.MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Whether {@code path} is an absolute path a URI would carry unquoted and unchanged. */
  private static boolean urlSafe(String path) {
    if (path.isEmpty() || path.charAt(0) != '/' || path.startsWith("//")) {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '/' || c == '.' || c == '-' || c == '_' || c == '~' || c == '+' || c == ','
          || c == '=' || c == '@';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    // delegated without this loader's lock: the host's loaders lock and cache for themselves
    boolean java = name.startsWith("java.");
    if (java || name.startsWith(API_PREFIX)) {
      Class<?> c = HOST_CLASSES.get(name);
      if (c == null) {
        c = (java ? getParent() : API_LOADER).loadClass(name);
        HOST_CLASSES.putIfAbsent(name, c);
      }
      return c;
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        if (JDK_PACKAGES.contains(packageOf(name))) {
          c = platformThenOwn(name);
        } else {
          c = findClass(name);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  private static java.util.Set<String> jdkPackages() {
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Module m : ModuleLayer.boot().modules()) {
      if (m.getClassLoader() == null || m.getClassLoader() == platform) {
        out.addAll(m.getPackages());
      }
    }
    return java.util.Set.copyOf(out);
  }

  private Class<?> platformThenOwn(String name) throws ClassNotFoundException {
    try {
      return getParent().loadClass(name);
    } catch (ClassNotFoundException e) {
      return findClass(name);
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> c = findOwn(name);
    if (c == null) {
      throw new ClassNotFoundException(name + " (in " + getName() + ")");
    }
    return c;
  }

  /** Defines {@code name} from the plugin's archives; null when none has it (no exception). */
  private Class<?> findOwn(String name) throws ClassNotFoundException {
    String path = name.replace('.', '/') + ".class";
    for (ZipIndex a : live()) {
      byte[] b = read(a, path);
      if (b != null) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
          String pkg = name.substring(0, dot);
          if (getDefinedPackage(pkg) == null) {
            try {
              definePackage(pkg, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException raced) {
              // defined meanwhile by another thread
            }
          }
        }
        return defineClass(name, b, 0, b.length, domain);
      }
    }
    return null;
  }

  private byte[] read(ZipIndex a, String path) throws ClassNotFoundException {
    try {
      return a.read(path);
    } catch (ZipException e) {
      throw new ClassNotFoundException(path + " in " + getName() + " is damaged: " + e.getMessage(),
          e);
    }
  }

  private List<ZipIndex> live() throws ClassNotFoundException {
    List<ZipIndex> a = archives;
    if (a == null) {
      throw new ClassNotFoundException(getName() + " is closed");
    }
    return a;
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }

  /** Own resources straight from memory, without a URL; else as {@link #getResource}. */
  @Override
  public InputStream getResourceAsStream(String name) {
    List<ZipIndex> a = archives;
    for (int i = 0; a != null && i < a.size(); i++) {
      if (a.get(i).contains(name)) {
        try {
          byte[] b = a.get(i).read(name);
          return b == null ? null : new ByteArrayInputStream(b);
        } catch (ZipException e) {
          return null;
        }
      }
    }
    return super.getResourceAsStream(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> out = new ArrayList<>(Collections.list(findResources(name)));
    out.addAll(Collections.list(getParent().getResources(name)));
    if (name.startsWith("dev/hangar/api/")) {
      out.addAll(Collections.list(API_LOADER.getResources(name)));
    }
    return Collections.enumeration(out);
  }

  @Override
  protected URL findResource(String name) {
    List<URL> all = own(name, true);
    return all.isEmpty() ? null : all.get(0);
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    return Collections.enumeration(own(name, false));
  }

  private List<URL> own(String name, boolean firstOnly) {
    List<ZipIndex> a = archives;
    List<URL> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    for (int i = 0; i < a.size() && !(firstOnly && !out.isEmpty()); i++) {
      if (a.get(i).contains(name)) {
        try {
          out.add(URL.of(new URI("hangar-plugin", null, "/" + i + "/" + name, null), handler));
        } catch (URISyntaxException | java.net.MalformedURLException e) {
          // a name no URL can carry: not served as a resource
        }
      }
    }
    return out;
  }

  /** Which archive served {@code name} first, for messages: the file or {@code lib/x.jar}. */
  String archiveOf(String resource) {
    List<ZipIndex> a = archives;
    for (int i = 0; a != null && i < a.size(); i++) {
      if (a.get(i).contains(resource)) {
        return archiveNames.get(i);
      }
    }
    return "?";
  }

  /** Drops the plugin's bytes; classes already loaded keep working, new lookups fail. */
  @Override
  public void close() {
    archives = null;
  }

  /** Serves {@code hangar-plugin:/<archive>/<entry>} from memory. */
  private final class Handler extends URLStreamHandler {
    @Override
    protected URLConnection openConnection(URL u) throws IOException {
      String path;
      try {
        path = new URI(u.toString()).getPath();
      } catch (URISyntaxException e) {
        throw new IOException("bad plugin resource URL " + u, e);
      }
      int slash = path.indexOf('/', 1);
      List<ZipIndex> a = archives;
      byte[] b = null;
      if (a != null && slash > 1) {
        int idx = Integer.parseInt(path.substring(1, slash));
        try {
          b = idx < a.size() ? a.get(idx).read(path.substring(slash + 1)) : null;
        } catch (ZipException e) {
          throw new IOException("plugin resource damaged: " + u + ": " + e.getMessage(), e);
        }
      }
      if (b == null) {
        throw new IOException("plugin resource gone (plugin unloaded?): " + u);
      }
      byte[] bytes = b;
      return new URLConnection(u) {
        @Override
        public void connect() {
          connected = true;
        }

        @Override
        public InputStream getInputStream() {
          return new ByteArrayInputStream(bytes);
        }

        @Override
        public long getContentLengthLong() {
          return bytes.length;
        }
      };
    }
  }
}
