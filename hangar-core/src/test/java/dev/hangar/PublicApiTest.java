package dev.hangar;

import dev.hangar.testkit.ApiDump;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The public API of hangar-core is the one committed in {@code api/hangar-core.api}: a change fails the
 * build until the dump is regenerated on purpose ({@code -Dhangar.api.update=true}).
 */
class PublicApiTest {
  @Test
  void thePublicApiIsTheOneCommitted() {
    ApiDump.check(Path.of("target/classes"), getClass().getClassLoader(),
        Path.of("api/hangar-core.api"));
  }
}
