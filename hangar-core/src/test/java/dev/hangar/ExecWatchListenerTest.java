package dev.hangar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.exec.ExecDomain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watching host reads the exec declarations again when the exec dirs change. */
class ExecWatchListenerTest {
  @TempDir Path root;

  private final BlockingQueue<ExecReload> reloads = new LinkedBlockingQueue<>();

  private PluginHost watching(Path exec) {
    return PluginHost.builder().dirs(DiscoveryDirs.defaults(root))
        .pluginDirs(List.of(root.resolve("plugins"))).execDirs(List.of(exec)).watch(true)
        .execWatchListener(new ExecWatchListener() {
          @Override
          public void reloaded(ExecReload r) {
            reloads.add(r);
          }
        }).build();
  }

  private ExecReload next() throws InterruptedException {
    ExecReload r = reloads.poll(10, TimeUnit.SECONDS);
    assertThat(r).as("a re-read within 10 s").isNotNull();
    return r;
  }

  /** Writes a declaration under a temporary name, then renames it: one change. */
  private static void declare(Path exec, String file, String toml) throws Exception {
    Path tmp = exec.resolve("incoming.tmp");
    Files.writeString(tmp, toml);
    Files.move(tmp, exec.resolve(file), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void reportsAddedChangedRefusedAndRemovedDomains() throws Exception {
    Path exec = Files.createDirectories(root.resolve("exec"));
    Path sh = exec.resolve("t.sh");
    Files.writeString(sh, "#!/bin/sh\nprintf '20:::\"v1\"\\n:::'\n");
    Files.setPosixFilePermissions(sh, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (PluginHost host = watching(exec)) {
      assertThat(host.execs().list()).isEmpty();

      declare(exec, "t.plugin.toml", "[plugin.t]\npath = \"t.sh\"\nexports = [\"version\"]\n");
      ExecReload added = next();
      assertThat(added.added()).extracting(ExecDomain::name).containsExactly("t");
      assertThat(added.changed()).isEmpty();
      assertThat(host.execs().find("t")).isPresent();

      declare(exec, "t.plugin.toml", "[plugin.t]\npath = \"t.sh\"\nexports = [\"version\", "
          + "\"echo\"]\n");
      ExecReload changed = next();
      assertThat(changed.changed()).singleElement()
          .satisfies(d -> assertThat(d.exports()).containsExactly("version", "echo"));
      assertThat(changed.added()).isEmpty();

      declare(exec, "t.plugin.toml", "[plugin.t]\npath = \"t.sh\"\nexports = []\n");
      ExecReload refused = next();
      assertThat(refused.removed()).extracting(ExecDomain::name).containsExactly("t");
      assertThat(refused.refused()).singleElement().satisfies(p -> {
        assertThat(p.state()).isEqualTo(PluginState.FAILED);
        assertThat(p.errorText()).hasValueSatisfying(e -> assertThat(e).contains("exports"));
      });

      // an unrelated file changes nothing, so nothing is reported for it; removing the refused
      // declaration is
      Files.writeString(exec.resolve("notes.txt"), "x");
      Files.delete(exec.resolve("t.plugin.toml"));
      ExecReload gone = next();
      assertThat(gone.removed()).isEmpty();
      assertThat(gone.refused()).isEmpty();
      assertThat(gone.resolved()).singleElement().extracting(PluginInfo::name).isEqualTo("t");
      assertThat(gone.plugins()).isEmpty();
      assertThat(reloads).as("nothing reported for notes.txt alone").isEmpty();
    }
  }
}
