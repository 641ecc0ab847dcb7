package dev.hangar.internal.exec;

import java.util.List;
import java.util.Locale;

/** Suggests the known key closest to a misspelt one. */
final class DidYouMean {
  private DidYouMean() {}

  /**
   * {@code " (did you mean 'x'?)"} for the known key closest to {@code key} when it is close
   * (equal ignoring case, or at most 2 edits away and fewer edits than {@code key} has
   * characters), else the empty string.
   */
  static String hint(String key, List<String> known) {
    String k = key.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(k, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= 2 && bestDistance < key.length()
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  /** The Levenshtein distance, for short keys (long ones are never close). */
  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2 || a.length() > 64) {
      return Integer.MAX_VALUE;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
