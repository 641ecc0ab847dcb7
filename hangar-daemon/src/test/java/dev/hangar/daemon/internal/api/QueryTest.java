package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import org.junit.jupiter.api.Test;

class QueryTest {

  @Test
  void valuesAreDecodedAsGoDoes() {
    Query q = Query.parse("name=team%2Fvol%3A1.0&filters=%7B%22a%22%3A1%7D&x=a+b&flag&x=2");
    assertThat(q.get("name")).isEqualTo("team/vol:1.0");
    assertThat(q.get("filters")).isEqualTo("{\"a\":1}");
    assertThat(q.get("x")).isEqualTo("a b");
    assertThat(q.has("flag")).isTrue();
    assertThat(q.get("flag")).isEmpty();
    assertThat(q.get("missing")).isEmpty();
    assertThat(q.has("missing")).isFalse();
    assertThat(Query.parse(null).has("x")).isFalse();
    assertThat(Query.parse("n=%C3%A9").get("n")).isEqualTo("é");
  }

  @Test
  void aSemicolonOrABadEscapeIsGosError() {
    assertThatThrownBy(() -> Query.parse("a=1;b=2"))
        .isInstanceOfSatisfying(HangarException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
        .hasMessage("invalid semicolon separator in query");
    assertThatThrownBy(() -> Query.parse("a=%zz1")).hasMessage("invalid URL escape \"%zz\"");
    assertThatThrownBy(() -> Query.parse("a=%4")).hasMessage("invalid URL escape \"%4\"");
  }

  @Test
  void boolValueIsFalseOnlyForDockersFalseWords() {
    for (String f : new String[] {"", "0", "no", "false", "none", " FALSE ", "No"}) {
      assertThat(Query.isTrue(f)).as(f).isFalse();
    }
    for (String t : new String[] {"1", "true", "yes", "y", "2", "off"}) {
      assertThat(Query.isTrue(t)).as(t).isTrue();
    }
    assertThat(Query.parse("force=1").bool("force")).isTrue();
    assertThat(Query.parse("other=1").bool("force")).isFalse();
  }

  @Test
  void atoiAcceptsSignedDecimalsAndNamesTheValueOtherwise() {
    assertThat(Query.parse("timeout=30").atoi("timeout")).isEqualTo(30);
    assertThat(Query.parse("timeout=-5").atoi("timeout")).isEqualTo(-5);
    assertThat(Query.parse("timeout=%2B7").atoi("timeout")).isEqualTo(7);
    assertThatThrownBy(() -> Query.parse("").atoi("timeout"))
        .hasMessage("strconv.Atoi: parsing \"\": invalid syntax");
    assertThatThrownBy(() -> Query.parse("timeout=1s").atoi("timeout"))
        .hasMessage("strconv.Atoi: parsing \"1s\": invalid syntax");
    assertThatThrownBy(() -> Query.parse("timeout=99999999999999999999").atoi("timeout"))
        .hasMessage("strconv.Atoi: parsing \"99999999999999999999\": value out of range");
  }
}
