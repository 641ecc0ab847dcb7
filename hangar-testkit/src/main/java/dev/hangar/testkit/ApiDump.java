package dev.hangar.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The public API of a module as text, one line per public class and member, so that a test can
 * compare it with the dump committed beside the module ({@code api/<module>.api}) and an
 * accidental change fails the build (as japicmp would, without needing a released baseline).
 *
 * <p>What counts: every public class of a package whose name has no {@code internal} segment,
 * with its public and protected constructors, methods and fields (as
 * {@code toGenericString()} writes them: modifiers, generics, throws), its public nested classes
 * included. Synthetic and bridge members are left out; lines are sorted.
 *
 * <p>To accept a change on purpose: run the test with {@code -Dhangar.api.update=true} and
 * commit the new dump.
 */
public final class ApiDump {
  private ApiDump() {}

  /** The dump of the classes under {@code classesDir}, loaded by {@code loader}. */
  public static List<String> of(Path classesDir, ClassLoader loader) {
    TreeSet<String> lines = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = classesDir.relativize(f).toString().replace('/', '.');
        name = name.substring(0, name.length() - ".class".length());
        if (name.endsWith("package-info") || name.endsWith("module-info")
            || List.of(name.split("\\.")).contains("internal")) {
          continue;
        }
        Class<?> c = Class.forName(name, false, loader);
        if (visible(c)) {
          describe(c, lines);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return List.copyOf(lines);
  }

  /**
   * Compares the dump of {@code classesDir} with the file {@code expected}; rewrites the file
   * instead when the system property {@code hangar.api.update} is {@code true}.
   *
   * @throws AssertionError naming every line added and removed, and how to accept them
   */
  public static void check(Path classesDir, ClassLoader loader, Path expected) {
    List<String> now = of(classesDir, loader);
    try {
      if (Boolean.getBoolean("hangar.api.update")) {
        Files.createDirectories(expected.getParent());
        Files.write(expected, now, StandardCharsets.UTF_8);
        return;
      }
      List<String> was = Files.exists(expected)
          ? Files.readAllLines(expected, StandardCharsets.UTF_8) : List.of();
      List<String> added = new ArrayList<>(now);
      added.removeAll(was);
      List<String> removed = new ArrayList<>(was);
      removed.removeAll(now);
      if (!added.isEmpty() || !removed.isEmpty()) {
        StringBuilder b = new StringBuilder("the public API differs from " + expected
            + " (if on purpose, run the test with -Dhangar.api.update=true and commit it):");
        removed.forEach(l -> b.append("\n- ").append(l));
        added.forEach(l -> b.append("\n+ ").append(l));
        throw new AssertionError(b.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean visible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static boolean exposed(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void describe(Class<?> c, TreeSet<String> lines) {
    String owner = c.getName();
    lines.add(owner + ": " + c.toGenericString()
        + (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class
            && !c.isEnum() && !c.isRecord() ? " extends " + c.getGenericSuperclass() : "")
        + interfaces(c));
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (exposed(k.getModifiers()) && !k.isSynthetic()) {
        lines.add(owner + ": " + k.toGenericString());
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (exposed(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        lines.add(owner + ": " + m.toGenericString());
      }
    }
    for (Field f : c.getDeclaredFields()) {
      if (exposed(f.getModifiers()) && !f.isSynthetic()) {
        lines.add(owner + ": " + f.toGenericString());
      }
    }
  }

  private static String interfaces(Class<?> c) {
    java.lang.reflect.Type[] is = c.getGenericInterfaces();
    if (is.length == 0 || c.isAnnotation()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (java.lang.reflect.Type t : is) {
      names.add(t.getTypeName());
    }
    return (c.isInterface() ? " extends " : " implements ") + String.join(", ", names);
  }
}
