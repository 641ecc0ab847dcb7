package dev.hangar.internal.jar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A plugin JAR read fully into memory, with its bundled {@code lib/*.jar} libraries: the JAR file
 * is opened once, read and closed, so it is never locked while the plugin runs, and no temporary
 * files are made. Nothing of the plugin runs here.
 *
 * @param manifest the main JAR's manifest (possibly empty)
 * @param archives the main JAR first, then each library in name order; entry name -> bytes
 * @param archiveNames for messages and resource URLs: the file name, then {@code lib/x.jar}
 */
record JarContents(Manifest manifest, List<Map<String, byte[]>> archives, List<String> archiveNames) {
  /** The service file naming the plugin's entry point. */
  static final String SERVICE = "META-INF/services/dev.hangar.api.PluginInit";

  /**
   * Reads a plugin JAR.
   *
   * @throws LoadException when it is empty, corrupt, unreadable, or bundles a corrupt library
   */
  static JarContents read(Path file) {
    String fn = file.getFileName().toString();
    try {
      if (Files.size(file) == 0) {
        throw LoadException.failed(fn + " is an empty file, not a JAR");
      }
      Map<String, byte[]> main = new HashMap<>();
      Map<String, byte[]> libs = new TreeMap<>();
      Manifest mf;
      try (JarFile jar = new JarFile(file.toFile(), false)) {
        mf = jar.getManifest();
        Enumeration<JarEntry> en = jar.entries();
        while (en.hasMoreElements()) {
          JarEntry e = en.nextElement();
          if (e.isDirectory()) {
            continue;
          }
          byte[] bytes;
          try (InputStream in = jar.getInputStream(e)) {
            bytes = in.readAllBytes();
          }
          if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")
              && e.getName().indexOf('/', 4) < 0) {
            libs.put(e.getName(), bytes);
          } else {
            main.put(e.getName(), bytes);
          }
        }
      }
      List<Map<String, byte[]>> archives = new ArrayList<>();
      List<String> names = new ArrayList<>();
      archives.add(main);
      names.add(fn);
      for (Map.Entry<String, byte[]> lib : libs.entrySet()) {
        archives.add(readNested(fn, lib.getKey(), lib.getValue()));
        names.add(lib.getKey());
      }
      return new JarContents(mf == null ? new Manifest() : mf, List.copyOf(archives),
          List.copyOf(names));
    } catch (ZipException | SecurityException e) {
      throw LoadException.failed(fn + " is not a valid JAR: " + e.getMessage(), e);
    } catch (IOException e) {
      throw LoadException.failed(fn + " could not be read: " + e, e);
    }
  }

  private static Map<String, byte[]> readNested(String fn, String name, byte[] bytes)
      throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (!e.isDirectory()) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (ZipException e) {
      throw LoadException.failed(fn + ": bundled library " + name + " is not a valid JAR: "
          + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw LoadException.failed(fn + ": bundled library " + name + " is empty or not a JAR");
    }
    return out;
  }

  /** The class names listed in the main JAR's PluginInit service file (comments stripped). */
  List<String> pluginInits() {
    byte[] svc = archives.get(0).get(SERVICE);
    List<String> out = new ArrayList<>();
    if (svc == null) {
      return out;
    }
    for (String line : new String(svc, StandardCharsets.UTF_8).split("\r?\n|\r")) {
      int hash = line.indexOf('#');
      String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!s.isEmpty() && !out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
