package dev.hangar.internal.jar;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * A plugin JAR held in memory, with its bundled {@code lib/*.jar} libraries: the file is read in
 * one go and closed, so it is never locked while the plugin runs, and no temporary files are made.
 * Only the central directories are indexed at once; the manifest, the service file, classes and
 * resources are inflated when first asked for ({@link ZipIndex}). Nothing of the plugin runs here.
 *
 * @param archives the main JAR first, then each library in name order
 * @param archiveNames for messages and resource URLs: the file name, then {@code lib/x.jar}
 */
record JarContents(List<ZipIndex> archives, List<String> archiveNames) {
  /** The service file naming the plugin's entry point. */
  static final String SERVICE = "META-INF/services/dev.hangar.api.PluginInit";
  private static final String MANIFEST = "META-INF/MANIFEST.MF";

  /**
   * Reads a plugin JAR and indexes it and its bundled libraries.
   *
   * @throws LoadException when it is empty, corrupt, unreadable, or bundles a corrupt library
   */
  static JarContents read(Path file) {
    String fn = file.getFileName().toString();
    byte[] bytes;
    try {
      bytes = readFile(file);
    } catch (IOException | OutOfMemoryError e) {
      throw LoadException.failed(fn + " could not be read: " + e, e);
    }
    if (bytes.length == 0) {
      throw LoadException.failed(fn + " is an empty file, not a JAR");
    }
    ZipIndex main;
    try {
      main = ZipIndex.of(bytes);
    } catch (ZipException e) {
      throw LoadException.failed(fn + " is not a valid JAR: " + e.getMessage(), e);
    }
    List<String> libs = new ArrayList<>();
    for (String name : main.names()) {
      if (name.startsWith("lib/") && name.endsWith(".jar") && name.indexOf('/', 4) < 0) {
        libs.add(name);
      }
    }
    if (libs.isEmpty()) {
      return new JarContents(List.of(main), List.of(fn));
    }
    libs.sort(null);
    List<ZipIndex> archives = new ArrayList<>(List.of(main));
    List<String> names = new ArrayList<>(List.of(fn));
    for (String lib : libs) {
      try {
        byte[] b = main.read(lib);
        if (b.length == 0) {
          throw new ZipException("empty");
        }
        archives.add(ZipIndex.of(b));
      } catch (ZipException e) {
        throw LoadException.failed(fn + ": bundled library " + lib + " is not a valid JAR: "
            + e.getMessage(), e);
      }
      names.add(lib);
    }
    return new JarContents(List.copyOf(archives), List.copyOf(names));
  }

  /**
   * The whole file, as {@link Files#readAllBytes} reads it but through a {@link RandomAccessFile}:
   * one read of the size found, then one to see the end; no channel, no direct buffer between.
   */
  static byte[] readFile(Path file) throws IOException {
    if (file.getFileSystem() != java.nio.file.FileSystems.getDefault()) {
      return Files.readAllBytes(file);
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long size = f.length();
      if (size > Integer.MAX_VALUE - 16) {
        throw new OutOfMemoryError(file.getFileName() + " is too large (" + size + " bytes)");
      }
      byte[] b = new byte[(int) size];
      int n = 0;
      for (int k; n < b.length && (k = f.read(b, n, b.length - n)) > 0; ) {
        n += k;
      }
      if (n < b.length) {
        // shrunk meanwhile: what is there
        return java.util.Arrays.copyOf(b, n);
      }
      int more = f.read();
      if (more < 0) {
        return b;
      }
      // grown meanwhile: read on to the end, as Files.readAllBytes would
      java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
      rest.write(b);
      rest.write(more);
      byte[] buf = new byte[8192];
      for (int k; (k = f.read(buf)) > 0; ) {
        rest.write(buf, 0, k);
      }
      return rest.toByteArray();
    }
  }

  /**
   * The value of a main attribute of the main JAR's manifest (case-insensitive name, continuation
   * lines joined), or null when absent.
   */
  String mainAttribute(String name) {
    byte[] mf = entry(MANIFEST);
    if (mf == null) {
      return null;
    }
    int n = name.length();
    String value = null;
    boolean collecting = false;
    for (String line : lines(mf)) {
      if (line.isEmpty()) {
        break; // the end of the main section
      }
      if (line.charAt(0) == ' ') {
        if (collecting) {
          value += line.substring(1);
        }
        continue;
      }
      if (value != null) {
        break;
      }
      collecting = line.length() > n && line.charAt(n) == ':'
          && line.regionMatches(true, 0, name, 0, n);
      if (collecting) {
        value = line.substring(n + 1).stripLeading();
      }
    }
    return value == null ? null : value.strip();
  }

  /** The class names listed in the main JAR's PluginInit service file (comments stripped). */
  List<String> pluginInits() {
    byte[] svc = entry(SERVICE);
    List<String> out = new ArrayList<>();
    if (svc == null) {
      return out;
    }
    for (String line : lines(svc)) {
      int hash = line.indexOf('#');
      String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!s.isEmpty() && !out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The lines of a UTF-8 text ending in CR LF, LF or CR (a regex split costs a compile). */
  private static List<String> lines(byte[] text) {
    String s = new String(text, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(s.substring(start, i));
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private byte[] entry(String name) {
    try {
      return archives.get(0).read(name);
    } catch (ZipException e) {
      throw LoadException.failed(archiveNames.get(0) + " is not a valid JAR: " + e.getMessage(), e);
    }
  }
}
