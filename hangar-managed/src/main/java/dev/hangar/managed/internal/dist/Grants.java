package dev.hangar.managed.internal.dist;

import dev.hangar.managed.Privilege;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * moby's {@code validatePrivileges}: the granted privileges must be the required ones, as many,
 * with the same names and values once both lists are sorted by name and each value list sorted;
 * descriptions are ignored. Anything else is {@code incorrect privileges}.
 */
public final class Grants {
  private Grants() {}

  /**
   * @throws HangarException PRIVILEGES_INCORRECT ({@code incorrect privileges})
   */
  public static void check(List<Privilege> required, List<Privilege> granted) {
    if (required.size() != granted.size()) {
      throw incorrect();
    }
    List<Privilege> a = normalize(required);
    List<Privilege> b = normalize(granted);
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).name().equals(b.get(i).name()) || !a.get(i).value().equals(b.get(i).value())) {
        throw incorrect();
      }
    }
  }

  private static List<Privilege> normalize(List<Privilege> ps) {
    List<Privilege> out = new ArrayList<>();
    for (Privilege p : ps) {
      List<String> v = new ArrayList<>(p.value());
      v.sort(Comparator.naturalOrder());
      out.add(new Privilege(p.name(), p.description(), v));
    }
    out.sort(Comparator.comparing(Privilege::name)); // stable, as Go's slices.SortFunc is not
    return out;
  }

  private static HangarException incorrect() {
    return new HangarException(ErrorCode.PRIVILEGES_INCORRECT, "incorrect privileges");
  }
}
