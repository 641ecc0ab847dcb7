package dev.hangar.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's training run for the CLI's class data (the JDK's AOT cache or a dynamic
 * archive): several command lines in one JVM, so that the cache holds the classes of each (a
 * cache is made from one run). Not a user command: {@code ./hangar} runs it once after each
 * build, against a daemon it starts on a temporary root, as
 * {@code java -XX:AOTCacheOutput=F -cp hangar.jar dev.hangar.cli.Training ARGS... -- ARGS...}.
 *
 * <p>{@code plugin ls} alone loads neither picocli nor Jackson's data binding (it has a quick
 * path); {@code install}, {@code push} and {@code inspect} load both, about 950 more classes,
 * which cost such a command about 0.1 s of CPU when they come from the JAR (picocli's own are
 * Java 5 class files, which the JDK does not archive: they come from the JAR anyway). The
 * command lines may fail (the launcher points them at a registry that is not there): what they
 * load up to the error is what the cache is for. Their output is discarded.
 */
public final class Training {
  private Training() {}

  /**
   * Runs each command line, separated by {@code --}, through {@link Main#run}.
   *
   * @param args the command lines
   */
  public static void main(String[] args) {
    CliLogging.deferToFirstUse();
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    List<String> one = new ArrayList<>();
    for (String a : append(args, "--")) {
      if (a.equals("--")) {
        if (!one.isEmpty()) {
          Main.run(one.toArray(String[]::new), InputStream.nullInputStream(), discard, discard,
              System.getenv());
        }
        one.clear();
      } else {
        one.add(a);
      }
    }
  }

  private static String[] append(String[] args, String last) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }
}
