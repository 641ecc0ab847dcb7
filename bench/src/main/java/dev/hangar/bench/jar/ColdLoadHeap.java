package dev.hangar.bench.jar;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The cold load as a user meets it, one fresh JVM per measurement (run by {@code bench/jar-run.sh}):
 * {@code generate hangar|pf4j DIR N} writes the JARs; {@code measure hangar|pf4j DIR} loads them
 * once in this JVM and prints one line: the side, the wall time of the first load (host classes
 * included) and the heap the loaded plugins retain (used heap after GC, loaded minus before).
 */
public final class ColdLoadHeap {

  private ColdLoadHeap() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("generate")) {
      Path dir = Path.of(args[2]);
      int n = Integer.parseInt(args[3]);
      if (args[1].equals("hangar")) {
        PluginJars.writeHangar(dir, n);
      } else {
        PluginJars.writePf4j(dir, n);
      }
      return;
    }
    if (args.length != 3 || !args[0].equals("measure")) {
      System.err.println("usage: ColdLoadHeap generate hangar|pf4j DIR N | measure hangar|pf4j DIR");
      System.exit(2);
    }
    String side = args[1];
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    long start = System.nanoTime();
    try (PluginSide loader = PluginSide.of(side)) {
      int n = loader.load(Path.of(args[2]));
      double ms = (System.nanoTime() - start) / 1e6;
      long after = usedAfterGc(memory);
      System.out.printf(Locale.ROOT, "%s plugins=%d load_ms=%.1f retained_heap_mib=%.1f%n",
          side, n, ms, (after - before) / (1024.0 * 1024.0));
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
