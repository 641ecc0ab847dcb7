package dev.hangar.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ApiDump} over the testkit's own classes. */
class ApiDumpTest {
  private static final Path CLASSES = Path.of("target/classes");
  @TempDir Path tmp;

  @Test
  void theDumpListsPublicClassesAndMembersSortedAndNothingElse() {
    List<String> dump = ApiDump.of(CLASSES, getClass().getClassLoader());
    assertThat(dump).isSorted().contains("dev.hangar.testkit.ApiDump: public static "
        + "java.util.List<java.lang.String> dev.hangar.testkit.ApiDump.of(java.nio.file.Path,"
        + "java.lang.ClassLoader)");
    assertThat(dump).noneMatch(l -> l.contains("private ") || l.contains(".visible("));
  }

  @Test
  void aChangedApiFailsNamingTheLinesAddedAndRemoved() throws IOException {
    List<String> lines = new ArrayList<>(ApiDump.of(CLASSES, getClass().getClassLoader()));
    String dropped = lines.remove(0);
    lines.add("dev.hangar.testkit.Gone: public void gone()");
    Path expected = Files.write(tmp.resolve("testkit.api"), lines);

    assertThatThrownBy(() -> ApiDump.check(CLASSES, getClass().getClassLoader(), expected))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("-Dhangar.api.update=true")
        .hasMessageContaining("\n+ " + dropped)
        .hasMessageContaining("\n- dev.hangar.testkit.Gone: public void gone()");
  }

  @Test
  void theSameApiPasses() throws IOException {
    Path expected = Files.write(tmp.resolve("testkit.api"),
        ApiDump.of(CLASSES, getClass().getClassLoader()));
    ApiDump.check(CLASSES, getClass().getClassLoader(), expected);
  }
}
