package dev.hangar.managed;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * How the crash tests start their drivers ({@link CrashDriver}, {@link PullCrashDriver},
 * {@link UpgradeCrashDriver}, {@link PushCrashDriver}): JVMs tuned for a short life (C1 only,
 * late, and the serial GC), and, once a training run has made one, a class-data archive, so
 * that each of the hundreds of short-lived owners boots and loads its classes in a fraction of
 * the time.
 *
 * <p>The archive needs a class path of JAR files: the directories on this JVM's paths
 * ({@code target/classes}, {@code target/test-classes}) are copied into JARs once. On JDK 25
 * and later it is an AOT cache ({@code -XX:AOTCacheOutput}), before that a dynamic CDS archive
 * ({@code -XX:ArchiveClassesAtExit}). The training runs beside the first rounds, which start
 * without it; when it fails every driver runs without it, and a JVM that cannot map it runs
 * without it too (sharing is {@code auto} by default). JVM warnings go to stderr, never to the
 * stdout the test reads.
 */
final class CrashDriverJvm {
  /**
   * C1 only, and only for what is really hot: a driver lives a second or two, and compiling at
   * the usual thresholds costs it more CPU than it saves (a quarter of its work, measured).
   */
  private static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1",
      "-XX:CompileThresholdScaling=20", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xlog:disable",
      "-Xlog:all=warning:stderr");

  private final String main;
  private final List<String> plain;
  private final Thread training;
  private volatile List<String> archived;

  private CrashDriverJvm(String main, List<String> plain, List<String> train,
      List<String> archived, Path archive, Path log) {
    this.main = main;
    this.plain = List.copyOf(plain);
    this.training = Thread.ofPlatform().name("crash-driver-training").unstarted(() -> {
      if (train(train, archive, log)) {
        this.archived = List.copyOf(archived);
      }
    });
  }

  /**
   * Makes the class-path JARs in {@code dir} and starts the training run: {@code main} with
   * {@code trainArgs}, which must end by itself (and should go through what the drivers do).
   */
  static CrashDriverJvm prepare(Path dir, Class<?> main, List<String> trainArgs)
      throws IOException {
    List<String> plain = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java")));
    plain.addAll(FLAGS);
    plain.addAll(List.of("-cp", jarClassPath(Files.createDirectories(dir.resolve("cp")))));
    Path archive = dir.resolve("driver.archive");
    boolean aot = Runtime.version().feature() >= 25;
    List<String> train = new ArrayList<>(plain);
    train.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive);
    train.add(main.getName());
    train.addAll(trainArgs);
    List<String> archived = new ArrayList<>(plain);
    archived.add((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
    CrashDriverJvm jvm = new CrashDriverJvm(main.getName(), plain, train, archived, archive,
        dir.resolve("train.log"));
    jvm.training.start();
    return jvm;
  }

  /** Runs the training; whether it made the archive. */
  private static boolean train(List<String> command, Path archive, Path log) {
    try {
      Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
          new File("/dev/null"))).redirectOutput(log.toFile()).redirectErrorStream(true).start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly().waitFor();
        return false;
      }
      return p.exitValue() == 0 && Files.isRegularFile(archive) && Files.size(archive) > 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits for the training run to end; whether drivers now start with the archive. */
  boolean awaitTraining() throws InterruptedException {
    training.join();
    return archived != null;
  }

  /**
   * Starts a driver with {@code args} (see the driver for them), with the archive once there is
   * one; its stderr is discarded.
   */
  Process start(List<String> args) throws IOException {
    List<String> a = archived;
    List<String> c = new ArrayList<>(a != null ? a : plain);
    c.add(main);
    c.addAll(args);
    return new ProcessBuilder(c).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /**
   * This JVM's paths as one class path, every directory in it replaced by a JAR of it, made in
   * dir. The tests run on the module path, so the test classes patched into the module and the
   * module path come first; a driver runs it all on its class path.
   */
  private static String jarClassPath(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String entry : thisJvmsPath()) {
      if (entry.isEmpty()) {
        continue;
      }
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        Path jar = dir.resolve(out.size() + "-" + p.getFileName() + ".jar");
        writeJar(p, jar);
        out.add(jar.toString());
      } else {
        out.add(entry);
      }
    }
    return String.join(File.pathSeparator, out);
  }

  /** The patched-in directories, the module path and the class path of this JVM, in order. */
  private static List<String> thisJvmsPath() {
    List<String> path = new ArrayList<>();
    for (int i = 0; System.getProperty("jdk.module.patch." + i) != null; i++) {
      String patch = System.getProperty("jdk.module.patch." + i); // module=dir[:dir...]
      path.addAll(List.of(patch.substring(patch.indexOf('=') + 1).split(File.pathSeparator)));
    }
    for (String key : List.of("jdk.module.path", "java.class.path")) {
      path.addAll(List.of(System.getProperty(key, "").split(File.pathSeparator)));
    }
    return path;
  }

  private static void writeJar(Path from, Path jar) throws IOException {
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(os);
        Stream<Path> files = Files.walk(from)) {
      for (Path f : files.sorted().toList()) {
        if (f.equals(from)) {
          continue;
        }
        String name = from.relativize(f).toString().replace(File.separatorChar, '/');
        boolean isDir = Files.isDirectory(f);
        j.putNextEntry(new JarEntry(isDir ? name + "/" : name));
        if (!isDir) {
          Files.copy(f, j);
        }
        j.closeEntry();
      }
    }
  }
}
