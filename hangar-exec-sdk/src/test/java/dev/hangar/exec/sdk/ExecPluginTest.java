package dev.hangar.exec.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecPluginTest {
  record Bridge(String name, Integer vlan) {
    Bridge {
      if (name == null) {
        throw new ExecPluginException("bridge: name is required");
      }
      if (vlan != null && vlan < 1) {
        throw new IllegalArgumentException("vlan must be positive");
      }
    }
  }

  private final ExecPlugin plugin = ExecPlugin.builder()
      .name("ovs")
      .method("version", call -> "1.0alpha")
      .method("echo", call -> call.hasArgs() ? call.args() : "no arguments")
      .method("bridge", Bridge.class, (b, log) -> b == null ? "none" : Map.of("name", b.name()))
      .method("fail", call -> {
        throw new ExecPluginException("bridge br0 does not exist");
      })
      .method("bug", call -> {
        throw new NullPointerException("a bug");
      })
      .method("nomessage", call -> {
        throw new IllegalStateException();
      })
      .method("unencodable", call -> new Object())
      .method("nothing", call -> null)
      .method("cyclic", call -> {
        List<Object> list = new java.util.ArrayList<>();
        list.add(list);
        return list;
      })
      .method("chatty", call -> {
        call.log().warning("careful");
        call.log().debug("two\nlines");
        return List.of(1, 2);
      })
      .build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void resultIsFramedExactlyAsCore0sLibraryWritesIt() {
    assertThat(run("version", "{}")).isZero();
    assertThat(stdout()).isEqualTo("20:::\"1.0alpha\"\n:::");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void argumentsAreTheSecondArgumentParsedAsJson() {
    assertThat(run("echo", "{\"name\":\"br0\",\"n\":[1,true,null]}")).isZero();
    assertThat(stdout()).isEqualTo("20:::{\"name\":\"br0\",\"n\":[1,true,null]}\n:::");
  }

  @Test
  void argumentsAreIgnoredUnlessExactlyTwoArgumentsAsCore0Does() {
    run("echo");
    assertThat(stdout()).isEqualTo("20:::\"no arguments\"\n:::");
    out.reset();
    run("echo", "{}", "extra");
    assertThat(stdout()).isEqualTo("20:::\"no arguments\"\n:::");
  }

  @Test
  void typedArgumentsAreBoundToARecord() {
    assertThat(run("bridge", "{\"name\":\"br0\",\"vlan\":10}")).isZero();
    assertThat(stdout()).isEqualTo("20:::{\"name\":\"br0\"}\n:::");
    out.reset();
    run("bridge", "null");
    assertThat(stdout()).isEqualTo("20:::\"none\"\n:::");
  }

  @Test
  void typedArgumentsWithUnknownKeysFailNamingTheMethod() {
    assertThat(run("bridge", "{\"name\":\"br0\",\"nmae\":\"x\"}")).isEqualTo(1);
    assertThat(stdout()).startsWith("20:::\"invalid arguments for bridge: ")
        .contains("nmae").endsWith("\"\n:::");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void validationErrorsFromTheArgumentTypeReachTheCallerAsWritten() {
    assertThat(run("bridge", "{\"vlan\":3}")).isEqualTo(1);
    assertThat(stdout()).isEqualTo("20:::\"bridge: name is required\"\n:::");
    out.reset();
    assertThat(run("bridge", "{\"name\":\"b\",\"vlan\":0}")).isEqualTo(1);
    assertThat(stdout()).isEqualTo("20:::\"invalid arguments for bridge: vlan must be positive\"\n:::");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void argumentsThatAreNotJsonFailWithExitOne() {
    assertThat(run("echo", "{\"a\":")).isEqualTo(1);
    assertThat(stdout()).startsWith("20:::\"invalid JSON arguments for echo: ").endsWith("\n:::");
    out.reset();
    assertThat(run("echo", "{} trailing")).isEqualTo(1);
    assertThat(stdout()).startsWith("20:::\"invalid JSON arguments for echo: ");
  }

  @Test
  void argumentsAreParsedOnlyWhenTheHandlerReadsThemAsCore0sRawMessage() {
    assertThat(run("version", "{not json")).isZero();
    assertThat(stdout()).isEqualTo("20:::\"1.0alpha\"\n:::");
  }

  @Test
  void emptyArgumentIsNoArguments() {
    run("echo", "");
    assertThat(stdout()).isEqualTo("20:::\"no arguments\"\n:::");
  }

  @Test
  void unknownMethodIsCore0sErrorWithExitOne() {
    assertThat(run("nope", "{}")).isEqualTo(1);
    assertThat(stdout()).isEqualTo("20:::\"unknown command: nope\"\n:::");
  }

  @Test
  void missingMethodIsCore0sErrorWhenNotInteractive() {
    assertThat(plugin.run(new String[0], out, new PrintStream(err), false)).isEqualTo(1);
    assertThat(stdout()).isEqualTo("20:::\"missing command\"\n:::");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void byHandFromATerminalWithoutMethodPrintsUsageOnStderrWithExitTwo() {
    assertThat(plugin.run(new String[0], out, new PrintStream(err), true)).isEqualTo(2);
    assertThat(stdout()).isEmpty();
    assertThat(stderr()).contains("ovs is an exec plugin").contains("not meant to be run")
        .contains("Methods: version, echo, bridge, fail");
    err.reset();
    assertThat(plugin.run(new String[] {"--help"}, out, new PrintStream(err), true)).isEqualTo(2);
    assertThat(stderr()).contains("ovs is an exec plugin");
  }

  @Test
  void helpIsAnUnknownCommandWhenNotInteractive() {
    assertThat(plugin.run(new String[] {"--help"}, out, new PrintStream(err), false)).isEqualTo(1);
    assertThat(stdout()).isEqualTo("20:::\"unknown command: --help\"\n:::");
  }

  @Test
  void handlerExceptionMessageIsTheErrorResultWithoutStackTrace() {
    assertThat(run("fail", "{}")).isEqualTo(1);
    assertThat(stdout()).isEqualTo("20:::\"bridge br0 does not exist\"\n:::");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void unexpectedExceptionsAlsoPutTheirStackTraceOnStderrNeverStdout() {
    assertThat(run("bug", "{}")).isEqualTo(1);
    assertThat(stdout()).isEqualTo("20:::\"a bug\"\n:::");
    assertThat(stderr()).contains("java.lang.NullPointerException: a bug").contains("\tat ");
    out.reset();
    assertThat(run("nomessage", "{}")).isEqualTo(1);
    assertThat(stdout()).isEqualTo("20:::\"java.lang.IllegalStateException\"\n:::");
  }

  @Test
  void resultThatCannotBeWrittenAsJsonIsAnError() {
    assertThat(run("unencodable", "{}")).isEqualTo(1);
    assertThat(stdout()).startsWith("20:::\"cannot write the result of unencodable as JSON: ")
        .endsWith("\"\n:::");
  }

  @Test
  void resultThatBreaksTheSerializerIsStillAFramedError() {
    assertThat(run("cyclic", "{}")).isEqualTo(1);
    assertThat(stdout()).startsWith("20:::\"cannot write the result of cyclic as JSON: ")
        .endsWith("\"\n:::").doesNotContain("\tat ");
  }

  @Test
  void nullResultIsJsonNull() {
    assertThat(run("nothing")).isZero();
    assertThat(stdout()).isEqualTo("20:::null\n:::");
  }

  @Test
  void logMessagesComeBeforeTheResultInCore0Framing() {
    assertThat(run("chatty", "{}")).isZero();
    assertThat(stdout()).isEqualTo("7::careful\n11:::two\nlines\n:::\n20:::[1,2]\n:::");
  }

  @Test
  void resultStartsOnItsOwnLineAfterAnUnterminatedPrint() {
    ExecPlugin p = ExecPlugin.builder().method("print", call -> {
      throw new ExecPluginException("x");
    }).build();
    TrackingOutputStream tracked = new TrackingOutputStream(out);
    new PrintStream(tracked, true, StandardCharsets.UTF_8).print("partial");
    assertThat(p.run(new String[] {"print"}, tracked, new PrintStream(err), false)).isEqualTo(1);
    assertThat(stdout()).isEqualTo("partial\n20:::\"x\"\n:::");
  }

  @Test
  void unwritableStdoutIsExitOneWithAMessageOnStderr() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    assertThat(plugin.run(new String[] {"version"}, broken, new PrintStream(err), false))
        .isEqualTo(1);
    assertThat(stderr()).contains("cannot write the result to stdout: Broken pipe");
  }

  @Test
  void builderRefusesDuplicateAndBlankMethodsAndAnEmptyPlugin() {
    ExecPlugin.Builder b = ExecPlugin.builder().method("a", call -> 1);
    assertThatThrownBy(() -> b.method("a", call -> 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
    assertThatThrownBy(() -> b.method(" ", call -> 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExecPlugin.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(ExecPlugin.builder().methods(Map.of("x", call -> 1)).build().methods())
        .containsExactly("x");
  }

  private int run(String... args) {
    return plugin.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8), false);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
