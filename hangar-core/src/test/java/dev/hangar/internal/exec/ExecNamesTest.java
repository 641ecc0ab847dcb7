package dev.hangar.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExecNamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"ovs", "a", "7", "OVS", "my-plugin", "my_plugin", "a-1_B"})
  void acceptsDomainsFromTheDocumentedSet(String domain) {
    assertThat(ExecNames.domainProblem(domain)).isEmpty();
    assertThat(ExecNames.isDomain(domain)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|domain name must not be empty",
      "a.b|domain name 'a.b' contains '.' (a command is split into domain and method at its",
      "-x|domain name '-x' must start with a letter or digit",
      "_x|domain name '_x' must start with a letter or digit",
      "a b|contains the character U+0020; domain names may contain only letters, digits, '_'",
      "a/b|contains '/'",
      "caf\u00e9|contains '\u00e9'",
  })
  void refusesOtherDomainsSayingWhy(String domain, String problem) {
    assertThat(ExecNames.domainProblem(domain))
        .hasValueSatisfying(p -> assertThat(p).contains(problem));
    assertThat(ExecNames.isDomain(domain)).isFalse();
  }

  @Test
  void limitsDomainsTo64AndMethodsTo128Characters() {
    assertThat(ExecNames.isDomain("d".repeat(64))).isTrue();
    assertThat(ExecNames.domainProblem("d".repeat(65)))
        .hasValue("domain name '" + "d".repeat(65) + "' is 65 characters long; the limit is 64");
    assertThat(ExecNames.isMethod("m".repeat(128))).isTrue();
    assertThat(ExecNames.methodProblem("m".repeat(129)).orElseThrow())
        .endsWith("is 129 characters long; the limit is 128");
    assertThat(ExecNames.envNameProblem("E".repeat(257)).orElseThrow())
        .endsWith("is 257 characters long; the limit is 256");
  }

  @ParameterizedTest
  @ValueSource(strings = {"version", "bridge.add", "_private", "get-all", "V2", "a.b.c", "0"})
  void acceptsMethodsWithDotsUnderscoresAndDashes(String method) {
    assertThat(ExecNames.methodProblem(method)).isEmpty();
    assertThat(ExecNames.isMethod(method)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|method name must not be empty",
      "-v|method name '-v' must start with a letter, digit or '_'",
      ".v|method name '.v' must start with a letter, digit or '_'",
      "a b|contains the character U+0020",
      "a\tb|method name 'a\\u0009b' contains the character U+0009",
      "a/b|contains '/'",
      "a:b|contains ':'",
  })
  void refusesMethodsThatCouldNotBeAnArgument(String method, String problem) {
    assertThat(ExecNames.methodProblem(method))
        .hasValueSatisfying(p -> assertThat(p).contains(problem));
  }

  @Test
  void envNamesAreShellNames() {
    assertThat(ExecNames.envNameProblem("PATH")).isEmpty();
    assertThat(ExecNames.envNameProblem("_a_1")).isEmpty();
    assertThat(ExecNames.envNameProblem(""))
        .hasValue("environment variable name must not be empty");
    assertThat(ExecNames.envNameProblem("1A").orElseThrow())
        .endsWith("must not start with a digit");
    assertThat(ExecNames.envNameProblem("A=B").orElseThrow()).contains("contains '='");
    assertThat(ExecNames.envNameProblem("A.B").orElseThrow()).contains("contains '.'");
  }
}
