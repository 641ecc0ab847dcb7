package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QuickArgs} against picocli: every command line it takes must give exactly what picocli's
 * parse of the same line gives (exit status, standard output, standard error), and what it does
 * not take is left to picocli.
 */
class QuickArgsTest {
  @TempDir Path root;
  private FakeDaemon daemon;
  private Path specs;
  private Path execs;

  @BeforeEach
  void setUp() throws IOException {
    specs = Files.createDirectories(root.resolve("specs2"));
    Files.writeString(specs.resolve("broken.spec"), "ftp://example.invalid/x\n");
    execs = Files.createDirectories(root.resolve("exec2"));
    Files.writeString(execs.resolve("bad.plugin.toml"), "[plugin.x]\npath = \n");
    Files.createDirectories(root.resolve("empty"));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void takesPluginLsWithTheGlobalOptionsAnywhere() {
    assertThat(takes("plugin", "ls")).isTrue();
    assertThat(takes("plugin", "list", "--format", "json")).isTrue();
    assertThat(takes("--root", "/r", "plugin", "--debug", "ls", "--format=table", "-H",
        "unix:///x.sock", "--spec-dir", "/a", "--spec-dir=/b")).isTrue();
  }

  @Test
  void leavesEverythingElseToPicocli() {
    for (String[] a : new String[][] {
        {}, {"plugin"}, {"ls"}, {"plugin", "inspect", "x"}, {"plugin", "ls", "extra"},
        {"plugin", "ls", "--help"}, {"plugin", "ls", "-h"}, {"--version", "plugin", "ls"},
        {"--debug", "--version"}, {"plugin", "--version"}, {"-V", "-V"},
        {"plugin", "--format", "json", "ls"}, {"plugin", "ls", "--format", "JSON"},
        {"plugin", "ls", "--format", "json", "--format", "table"},
        {"--root", "/a", "--root", "/b", "plugin", "ls"}, {"--debug", "--debug", "plugin", "ls"},
        {"plugin", "ls", "--root"}, {"plugin", "ls", "--root", "--debug"},
        {"plugin", "ls", "--root="}, {"plugin", "ls", "--timeout", "5s"},
        {"plugin", "ls", "--"}, {"plugin", "ls", "@args"}, {"plugin", "ls", "--debug=true"},
        {"-Hunix:///x", "plugin", "ls"}, {"plugin", "ls", "--unknown"}}) {
      assertThat(takes(a)).as(String.join(" ", a)).isFalse();
    }
  }

  @Test
  void takesPlainInstallAndPush() {
    assertThat(takes("plugin", "push", "127.0.0.1:5000/team/vol:1.0")).isTrue();
    assertThat(takes("-H", "unix:///x.sock", "plugin", "push", "vol", "--debug")).isTrue();
    assertThat(takes("plugin", "install", "--grant-all-permissions", "--disable", "--alias",
        "127.0.0.1:5000/b/c:1", "127.0.0.1:5000/a/b:1")).isTrue();
    assertThat(takes("plugin", "install", "r", "--alias=x", "--root", "/r")).isTrue();
  }

  @Test
  void leavesTheirOtherFormsToPicocli() {
    for (String[] a : new String[][] {
        {"plugin", "push"}, {"plugin", "push", "a", "b"}, {"plugin", "push", "--jar", "f", "r"},
        {"plugin", "push", "--exec=d", "r"}, {"plugin", "push", "r", "--sign-key", "k"},
        {"plugin", "push", "r", "--description", "d"}, {"plugin", "push", "--help"},
        {"plugin", "push", ""}, {"plugin", "push", "@f"}, {"plugin", "push", "r", "--alias", "x"},
        {"plugin", "install"}, {"plugin", "install", "r", "K=V"},
        {"plugin", "install", "--verify-key", "k", "r"}, {"plugin", "--disable", "install", "r"},
        {"--grant-all-permissions", "plugin", "install", "r"},
        {"plugin", "install", "--disable", "--disable", "r"},
        {"plugin", "install", "--alias", "a", "--alias", "b", "r"},
        {"plugin", "install", "--alias", "--disable", "r"}, {"plugin", "install", "--alias=", "r"},
        {"plugin", "install", "--disable=true", "r"},
        {"plugin", "install", "r", "--format", "json"},
        {"plugin", "ls", "--disable"}, {"plugin", "ls", "--alias", "x"}, {"plugin", "ls", "r"},
        {"plugin", "install", "--timeout", "5s", "r"}, {"plugin", "install", "--", "r"}}) {
      assertThat(takes(a)).as(String.join(" ", a)).isFalse();
    }
  }

  @Test
  void buildsTheInstallAndPushPicocliBuilds() {
    for (String[] a : new String[][] {
        {"plugin", "push", "127.0.0.1:5000/team/vol:1.0"},
        {"--root", "/r", "plugin", "push", "--debug", "vol", "-H", "unix:///x.sock"},
        {"plugin", "install", "r"},
        {"plugin", "install", "--grant-all-permissions", "r", "--disable"},
        {"-H", "tcp://127.0.0.1:1", "plugin", "install", "--alias", "127.0.0.1:5000/b/c:1",
            "127.0.0.1:5000/a/b:1", "--tlsverify"},
        {"plugin", "install", "--alias=x", "--exec-dir", "/e", "r"}}) {
      CliContext ctx = new CliContext(new ByteArrayInputStream(new byte[0]), System.out,
          System.err, Map.of());
      HangarCommand quickTop = new HangarCommand(ctx);
      Object quick = QuickArgs.parse(a, quickTop).orElseThrow();
      picocli.CommandLine cl = HangarCommand.commandLine(ctx);
      List<picocli.CommandLine> parsed = cl.parseArgs(a).asCommandLineList();
      HangarCommand picoTop = (HangarCommand) parsed.get(0).getCommand();
      Object pico = parsed.get(parsed.size() - 1).getCommand();
      String line = String.join(" ", a);
      assertThat(describe(quickTop)).as(line).isEqualTo(describe(picoTop));
      assertThat(describe(quick)).as(line).isEqualTo(describe(pico));
    }
  }

  /** The fields picocli sets, as text. */
  private static String describe(Object command) {
    if (command instanceof HangarCommand t) {
      return List.of(t.hosts, String.valueOf(t.root), t.debug, t.tlsVerify, t.execDirs,
          t.specDirs, t.socketDirs, t.pluginDirs, t.dockerDirs).toString();
    }
    if (command instanceof PluginPushCommand p) {
      return List.of("push", p.name, String.valueOf(p.jar), String.valueOf(p.execDir),
          p.description, String.valueOf(p.signKey)).toString();
    }
    PluginInstallCommand i = (PluginInstallCommand) command;
    return List.of("install", i.remote, i.grantAll, i.disable, String.valueOf(i.alias),
        String.valueOf(i.verifyKey), i.settings).toString();
  }

  @Test
  void theVersionAloneGivesWhatPicocliGives() {
    for (String[] a : new String[][] {{"--version"}, {"-V"}}) {
      Run quick = run(a, ctx -> HangarCommand.execute(ctx, a));
      assertThat(takes(a)).isTrue();
      assertThat(quick).as(String.join(" ", a))
          .isEqualTo(run(a, ctx -> HangarCommand.commandLine(ctx).execute(a)));
      assertThat(quick.out()).startsWith("hangar ").contains("\napi ");
    }
  }

  @Test
  void installAndPushGiveWhatPicocliGives() throws IOException {
    daemon = new FakeDaemon(root.resolve("hangar.sock"));
    String host = "unix://" + root.resolve("hangar.sock");
    for (String[] a : new String[][] {
        {"-H", host, "plugin", "push", "vieux/sshfs"},
        {"-H", host, "plugin", "push", "127.0.0.1:1/none:1"},
        {"-H", host, "plugin", "install", "--grant-all-permissions", "vieux/sshfs"},
        {"-H", host, "plugin", "install", "--disable", "--alias", "x", "127.0.0.1:1/a:1"},
        {"-H", "unix://" + root.resolve("none.sock"), "plugin", "install", "r"}}) {
      Run quick = run(a, ctx -> HangarCommand.execute(ctx, a));
      Run picocli = run(a, ctx -> HangarCommand.commandLine(ctx).execute(a));
      assertThat(takes(a)).isTrue();
      assertThat(quick).as(String.join(" ", a)).isEqualTo(picocli);
    }
  }

  @Test
  void seededCommandLinesGiveWhatPicocliGives() throws IOException {
    daemon = new FakeDaemon(root.resolve("hangar.sock"));
    Random rnd = new Random(20261202L);
    int taken = 0;
    for (int i = 0; i < 150; i++) {
      String[] args = commandLine(rnd);
      Run quick = run(args, ctx -> HangarCommand.execute(ctx, args));
      Run picocli = run(args, ctx -> HangarCommand.commandLine(ctx).execute(args));
      assertThat(quick).as(String.join(" ", args)).isEqualTo(picocli);
      if (takes(args)) {
        taken++;
      }
    }
    assertThat(taken).as("command lines QuickArgs took").isBetween(40, 120);
  }

  /** A command line from pieces of plugin ls's grammar, often valid, sometimes not. */
  private String[] commandLine(Random rnd) {
    List<String> words = new ArrayList<>(List.of("plugin", rnd.nextInt(4) == 0 ? "list" : "ls"));
    if (rnd.nextInt(12) == 0) {
      words.add(pick(rnd, "inspect", "extra", "ls"));
    }
    List<String> out = new ArrayList<>(words);
    int options = rnd.nextInt(4);
    for (int i = 0; i < options; i++) {
      List<String> o = option(rnd);
      // before plugin, between the words, or at the end (format is ls's own option)
      int at = o.get(0).startsWith("--format") ? out.size() : rnd.nextInt(out.size() + 1);
      out.addAll(at, o);
    }
    return out.toArray(String[]::new);
  }

  private List<String> option(Random rnd) {
    String dir = pick(rnd, root.resolve("empty").toString(), specs.toString(), "/nonexistent");
    List<String> o = switch (rnd.nextInt(11)) {
      case 0 -> List.of("--format", pick(rnd, "table", "json", "yaml"));
      case 1 -> List.of("--format=" + pick(rnd, "json", "table"));
      case 2 -> List.of("--spec-dir", rnd.nextBoolean() ? specs.toString() : dir);
      case 3 -> List.of("--exec-dir=" + (rnd.nextBoolean() ? execs.toString() : dir));
      case 4 -> List.of(pick(rnd, "--docker-dirs", "--debug", "--exec-process-groups"));
      case 5 -> List.of("--plugin-dir", dir);
      case 6 -> List.of("--socket-dir", dir);
      case 7 -> List.of(pick(rnd, "-H", "--host"), pick(rnd,
          "unix://" + root.resolve("hangar.sock"), "unix://" + root.resolve("none.sock"),
          "tcp://127.0.0.1:1", "bogus://x"));
      case 8 -> List.of("--root", pick(rnd, root.toString(), root.resolve("empty").toString()));
      case 9 -> List.of(pick(rnd, "--tlsverify", "--tlscacert=/nonexistent/ca.pem"));
      default -> List.of(pick(rnd, "--timeout", "--retry"), "1s");
    };
    return o;
  }

  private static String pick(Random rnd, String... choices) {
    return choices[rnd.nextInt(choices.length)];
  }

  private static boolean takes(String... args) {
    CliContext ctx = new CliContext(new ByteArrayInputStream(new byte[0]), System.out,
        System.err, Map.of());
    return QuickArgs.parse(args, new HangarCommand(ctx)).isPresent();
  }

  private record Run(int exit, String out, String err) {}

  private Run run(String[] args, Function<CliContext, Integer> how) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("HANGAR_ROOT", root.toString(), "HOME", root.toString()));
    int exit = how.apply(ctx);
    // --debug's stack traces differ in the frames of the parser that ran the command
    String e = err.toString(StandardCharsets.UTF_8).replaceAll("(?m)^\\s+(at |\\.\\.\\. ).*\n", "");
    return new Run(exit, out.toString(StandardCharsets.UTF_8), e);
  }
}
