package dev.hangar.protocol.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import org.junit.jupiter.api.Test;

class Http1SyntaxTest {
  @Test
  void statusLineGivesItsCodeWithOrWithoutAReason() throws Exception {
    assertThat(Http1Syntax.statusCode("HTTP/1.1 200 OK")).isEqualTo(200);
    assertThat(Http1Syntax.statusCode("HTTP/1.0 404")).isEqualTo(404);
    assertThat(Http1Syntax.statusCode("HTTP/1.1 204 ")).isEqualTo(204);
  }

  @Test
  void malformedStatusLinesAreViolationsThatShowTheLine() {
    for (String line : new String[] {"SSH-2.0-OpenSSH", "HTTP/2.0 200 OK", "HTTP/1.1 2x0 OK",
        "HTTP/1.1 099 Low", "HTTP/1.1 200OK", "HTTP/1.1  200"}) {
      assertThatThrownBy(() -> Http1Syntax.statusCode(line))
          .isInstanceOf(ProtocolViolation.class).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("malformed status line: '" + line.substring(0, 8));
    }
  }

  @Test
  void interimHeadsAreSkippedButSwitchingProtocolsIsRefused() throws Exception {
    assertThat(Http1Syntax.isFinal(100)).isFalse();
    assertThat(Http1Syntax.isFinal(200)).isTrue();
    assertThatThrownBy(() -> Http1Syntax.isFinal(101)).isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("101");
  }

  @Test
  void headerLinesSplitAtTheColonAndFoldedLinesAreMarked() throws Exception {
    assertThat(Http1Syntax.colon("Content-Length: 5")).isEqualTo(14);
    assertThat(Http1Syntax.colon(" folded")).isEqualTo(-1);
    assertThat(Http1Syntax.colon("\tfolded")).isEqualTo(-1);
    assertThatThrownBy(() -> Http1Syntax.colon(": no name")).isInstanceOf(ProtocolViolation.class)
        .hasMessage("malformed header line: ': no name'");
    assertThatThrownBy(() -> Http1Syntax.colon("no colon")).isInstanceOf(ProtocolViolation.class);
    assertThat(Http1Syntax.named("content-LENGTH: 5", 14, "Content-Length")).isTrue();
    assertThat(Http1Syntax.named("Content-Lengths: 5", 15, "Content-Length")).isFalse();
  }

  @Test
  void contentLengthIsDecimalDigitsAgreeingWithAnEarlierOne() throws Exception {
    assertThat(Http1Syntax.contentLength("0", -1)).isZero();
    assertThat(Http1Syntax.contentLength("123456789012345678", -1)).isEqualTo(123456789012345678L);
    assertThat(Http1Syntax.contentLength("7", 7)).isEqualTo(7);
    for (String bad : new String[] {"", "-1", "+1", "1 2", "0x10", "1234567890123456789"}) {
      assertThatThrownBy(() -> Http1Syntax.contentLength(bad, -1))
          .isInstanceOf(ProtocolViolation.class).hasMessageStartingWith("bad Content-Length: ");
    }
    assertThatThrownBy(() -> Http1Syntax.contentLength("8", 7))
        .isInstanceOf(ProtocolViolation.class).hasMessage("conflicting Content-Length headers");
  }

  @Test
  void onlyALastChunkedCodingMakesABodyChunked() {
    assertThat(Http1Syntax.lastCodingChunked("chunked")).isTrue();
    assertThat(Http1Syntax.lastCodingChunked("Chunked")).isTrue();
    assertThat(Http1Syntax.lastCodingChunked("gzip, chunked")).isTrue();
    assertThat(Http1Syntax.lastCodingChunked("gzip,\t chunked")).isTrue();
    assertThat(Http1Syntax.lastCodingChunked("chunked,,")).isTrue();
    assertThat(Http1Syntax.lastCodingChunked("chunked, gzip")).isFalse();
    assertThat(Http1Syntax.lastCodingChunked("chunked, ,")).isFalse();
    assertThat(Http1Syntax.lastCodingChunked("xchunked")).isFalse();
    assertThat(Http1Syntax.lastCodingChunked(",,,")).isFalse();
    assertThat(Http1Syntax.lastCodingChunked("")).isFalse();
  }

  @Test
  void chunkSizesAreHexWithExtensionsIgnored() throws Exception {
    assertThat(Http1Syntax.chunkSize("1a", null)).isEqualTo(26);
    assertThat(Http1Syntax.chunkSize("FF;name=value", null)).isEqualTo(255);
    assertThat(Http1Syntax.chunkSize("0 ", null)).isZero();
    for (String bad : new String[] {"", "zz", "+5", "-5", ";x", "1000000000000000"}) {
      assertThatThrownBy(() -> Http1Syntax.chunkSize(bad, null))
          .isInstanceOf(ProtocolViolation.class).hasMessageStartingWith("bad chunk size: '");
    }
    assertThatThrownBy(() -> Http1Syntax.chunkSize("zz", "http://h/x"))
        .hasMessage("bad chunk size in http://h/x: 'zz'");
  }

  @Test
  void printableCapsAndMasksWireText() {
    assertThat(Http1Syntax.printable("a\r\nb\u00ff")).isEqualTo("'a??b?'");
    assertThat(Http1Syntax.printable("x".repeat(81))).isEqualTo("'" + "x".repeat(80) + "...'");
  }
}
