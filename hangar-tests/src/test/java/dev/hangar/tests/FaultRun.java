package dev.hangar.tests;

import java.util.Random;

/**
 * The seeded, bounded settings of a fault-injection test: how many rounds it runs and the seed of
 * every random choice it makes (when to kill, how long the plugin stays down, which calls are
 * made). {@code -Dhangar.faultRounds=N} changes the rounds ({@code bench/faults.sh} runs 1,000),
 * {@code -Dhangar.faultSeed=S} replays a run; the seed is printed at the start.
 *
 * @param test the test's name, in the printed line
 * @param rounds how many rounds to run
 * @param seed the seed of every {@link #random(long)}
 */
record FaultRun(String test, int rounds, long seed) {
  FaultRun {
    if (rounds < 1) {
      throw new IllegalArgumentException("hangar.faultRounds must be at least 1: " + rounds);
    }
  }

  /** The settings from the system properties, printed with the seed to replay them. */
  static FaultRun fromProperties(String test, int defaultRounds) {
    String seed = System.getProperty("hangar.faultSeed");
    FaultRun run = new FaultRun(test, Integer.getInteger("hangar.faultRounds", defaultRounds),
        seed == null || seed.isBlank() ? new Random().nextLong() : Long.parseLong(seed.trim()));
    System.out.println(test + ": " + run.rounds() + " rounds, -Dhangar.faultSeed=" + run.seed());
    return run;
  }

  /** A generator of its own for {@code stream} (a round, a caller), derived from the seed. */
  Random random(long stream) {
    return new Random(seed * 1_000_003L + stream);
  }

  /** How a failure message starts: the test, the round and the seed that replays it. */
  String at(int round) {
    return test + " round " + round + "/" + rounds + " (-Dhangar.faultSeed=" + seed + ")";
  }
}
