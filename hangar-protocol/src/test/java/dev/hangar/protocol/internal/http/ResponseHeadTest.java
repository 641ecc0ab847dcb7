package dev.hangar.protocol.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseHeadTest {
  /** Lines from a list, each charged to the budget as the real readers do. */
  private static ResponseHead.LineSource lines(String... lines) {
    Iterator<String> it = List.of(lines).iterator();
    return budget -> {
      if (!it.hasNext()) {
        throw new EOFException("no more lines");
      }
      String l = it.next();
      budget[0] -= l.length() + 2;
      return l;
    };
  }

  /** Records what a sink is given. */
  private static final class Recorder implements ResponseHead.HeaderSink {
    final List<String> seen = new ArrayList<>();

    @Override
    public void head(int status) {
      seen.add("head " + status);
    }

    @Override
    public void header(String line, int colon) {
      seen.add(line.substring(0, colon));
    }
  }

  @Test
  void interimHeadsAreSkippedAndTheSinkIsToldOfEach() throws IOException {
    Recorder r = new Recorder();
    ResponseHead h = ResponseHead.read(lines("HTTP/1.1 100 Continue", "X-A: 1", "",
        "HTTP/1.1 200 OK", "Content-Length: 3", " folded", "X-B: 2", ""), r);
    assertThat(h).isEqualTo(new ResponseHead(200, 3, false, true, false));
    assertThat(r.seen).containsExactly("head 100", "X-A", "head 200", "Content-Length", "X-B");
  }

  @Test
  void transferEncodingWinsOverContentLength() throws IOException {
    ResponseHead h = ResponseHead.read(lines("HTTP/1.1 200 OK", "Content-Length: 3",
        "transfer-encoding: gzip,\tChunked", ""), null);
    assertThat(h.chunked()).isTrue();
    assertThat(h.contentLength()).isEqualTo(-1);
    ResponseHead gzip = ResponseHead.read(lines("HTTP/1.1 200 OK", "Content-Length: 3",
        "Transfer-Encoding: chunked", "Transfer-Encoding: gzip", ""), null);
    assertThat(gzip.untilClose()).isTrue();
    assertThat(gzip.keepAlive()).isFalse();
  }

  @Test
  void connectionHeaderAndVersionDecideKeepAlive() throws IOException {
    assertThat(ResponseHead.read(lines("HTTP/1.1 204 No Content", "Connection: Close", ""), null)
        .keepAlive()).isFalse();
    assertThat(ResponseHead.read(lines("HTTP/1.0 200 OK", "Content-Length: 0", ""), null)
        .keepAlive()).isFalse();
    assertThat(ResponseHead.read(lines("HTTP/1.0 200 OK", "Content-Length: 0",
        "Connection: keep-alive", ""), null).keepAlive()).isTrue();
  }

  @Test
  void switchingProtocolsAndOtherVersionsAreViolations() {
    assertThatThrownBy(() -> ResponseHead.read(lines("HTTP/1.1 101 Switching", ""), null))
        .isInstanceOf(ProtocolViolation.class).hasMessageContaining("101");
    assertThatThrownBy(() -> ResponseHead.read(lines("HTTP/1.2 200 OK", ""), null))
        .isInstanceOf(ProtocolViolation.class).hasMessageContaining("unsupported HTTP version");
  }

  @Test
  void anErrorFromTheSinkStopsTheRead() {
    ResponseHead.HeaderSink strict = new ResponseHead.HeaderSink() {
      @Override
      public void head(int status) {}

      @Override
      public void header(String line, int colon) throws IOException {
        throw Http1Syntax.malformedHeader(line);
      }
    };
    assertThatThrownBy(() -> ResponseHead.read(lines("HTTP/1.1 200 OK", "Bad : x", ""), strict))
        .isInstanceOf(ProtocolViolation.class).hasMessage("malformed header line: 'Bad : x'");
  }
}
