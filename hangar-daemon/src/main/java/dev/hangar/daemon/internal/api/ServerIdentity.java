package dev.hangar.daemon.internal.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * What the daemon says about itself in {@code /version}, {@code /info} and the {@code Server}
 * header, read once at start.
 *
 * @param version Hangar's version
 * @param id a stable ID of the root (a name-based UUID of its path)
 * @param root the managed root
 * @param runtime the OCI runtime's name ({@code runc})
 * @param hostname the host's name
 * @param kernel the kernel version
 * @param operatingSystem {@code PRETTY_NAME} of {@code /etc/os-release}
 * @param osVersion {@code VERSION_ID} of {@code /etc/os-release}
 * @param goArch the architecture in Go's words ({@code amd64}, {@code arm64})
 * @param machine the architecture as {@code uname -m} ({@code x86_64}, {@code aarch64})
 * @param cpus the processors available
 * @param memory the physical memory in bytes
 */
record ServerIdentity(String version, String id, Path root, String runtime, String hostname,
    String kernel, String operatingSystem, String osVersion, String goArch, String machine,
    int cpus, long memory) {

  /** The identity of a daemon of {@code root} running {@code runtime}. */
  static ServerIdentity of(Path root, String runtime) {
    Properties os = osRelease();
    String arch = System.getProperty("os.arch", "");
    return new ServerIdentity(hangarVersion(),
        UUID.nameUUIDFromBytes(root.toString().getBytes(StandardCharsets.UTF_8)).toString()
            .toUpperCase(Locale.ROOT),
        root, runtime, localHostName(), System.getProperty("os.version", ""),
        unquote(os.getProperty("PRETTY_NAME", "Linux")), unquote(os.getProperty("VERSION_ID", "")),
        switch (arch) {
          case "x86_64", "amd64" -> "amd64";
          case "aarch64" -> "arm64";
          default -> arch;
        },
        switch (arch) {
          case "x86_64", "amd64" -> "x86_64";
          default -> arch;
        },
        Runtime.getRuntime().availableProcessors(), totalMemory());
  }

  /** The {@code Server} header: {@code Hangar/<version> (linux)}. */
  String serverHeader() {
    return "Hangar/" + version + " (linux)";
  }

  /** Hangar's version from the build, {@code unknown} when the build did not record it. */
  static String hangarVersion() {
    try (InputStream in = ServerIdentity.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isEmpty() && !v.contains("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // Fall through to the package's version.
    }
    String v = ServerIdentity.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static Properties osRelease() {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(Path.of("/etc/os-release"))) {
      p.load(in);
    } catch (IOException e) {
      // Not every system has one.
    }
    return p;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1) : s;
  }

  private static long totalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }
}
