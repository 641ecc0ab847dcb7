package dev.hangar.protocol.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.protocol.client.CallOptions;
import dev.hangar.protocol.client.PluginClient;
import dev.hangar.testkit.PatternStream;
import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.Reply;
import dev.hangar.testkit.Responder;
import java.io.InputStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bodies far larger than the heap, generated on the fly and checksummed, never held in memory.
 * Runs in its own JVM with {@code -Xmx64m} (see this module's pom.xml).
 */
class LargeBodyTest {
  static final long SIZE = 260L << 20;
  static long expectedCrc;

  Fixtures fx;

  @BeforeAll
  static void checksum() {
    expectedCrc = PatternStream.crc32(SIZE);
  }

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures();
    // Only meaningful with a small heap: the pom's large-bodies execution (-Xmx64m) runs it; a
    // -Dtest=LargeBodyTest run also selects it in the default execution, which skips it here.
    assumeTrue(Runtime.getRuntime().maxMemory() < SIZE / 2, "needs the large-bodies execution");
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @ParameterizedTest
  @CsvSource({"unix, true", "tcp, false"})
  void streamReadsAReplyFarLargerThanTheHeap(String kind, boolean chunked) throws Exception {
    RawPluginServer s = fx.server(kind, Responder.always(Reply.huge(200, SIZE, chunked)));
    PluginClient c = fx.client(s);
    CRC32 crc = new CRC32();
    long total = 0;
    try (InputStream in = c.stream("LogDriver.ReadLogs", null, CallOptions.DEFAULT)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        crc.update(buf, 0, n);
        total += n;
      }
    }
    assertThat(total).isEqualTo(SIZE);
    assertThat(crc.getValue()).isEqualTo(expectedCrc);
  }

  @ParameterizedTest
  @CsvSource({"unix, -1", "tcp, " + SIZE})
  void sendFileStreamsABodyFarLargerThanTheHeap(String kind, long length) throws Exception {
    RawPluginServer s = fx.server(kind, r -> Fixtures.ok(
        "{\"Length\":" + r.bodyLength() + ",\"Crc\":" + r.bodyCrc32() + "}"));
    s.recordLimit(1024);
    JsonNode reply = fx.client(s).sendFile("GraphDriver.ApplyDiff", new PatternStream(SIZE),
        length, JsonNode.class, CallOptions.DEFAULT);
    assertThat(reply.get("Length").asLong()).isEqualTo(SIZE);
    assertThat(reply.get("Crc").asLong()).isEqualTo(expectedCrc);
    assertThat(s.requests().get(0).chunked()).isEqualTo(length < 0);
  }
}
