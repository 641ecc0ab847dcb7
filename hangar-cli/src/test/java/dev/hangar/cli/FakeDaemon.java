package dev.hangar.cli;

import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.RecordedRequest;
import dev.hangar.testkit.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A Hangar daemon as the CLI sees it, on a unix socket: two managed plugins,
 * {@code vieux/sshfs:latest} (ID {@link #SSHFS_ID}, enabled, restarting) and {@code busy:latest}
 * (disabled, in use), and {@code 127.0.0.1:5000/team/vol:1.0} (ID {@link #REMOTE_ID},
 * disabled), answering as the daemon would. Records every request.
 */
final class FakeDaemon implements AutoCloseable {
  static final String SSHFS_ID = "abc" + "0".repeat(61);
  static final String BUSY_ID = "def" + "1".repeat(61);
  static final String REMOTE_ID = "fed" + "2".repeat(61);
  static final String REMOTE_NAME = "127.0.0.1:5000/team/vol:1.0";
  static final String CALL_REPLY = "{\"Volumes\": [ ],\"Err\":\"\"}\n";

  private static final String PING = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nOstype: linux\r\n"
      + "Content-Length: 2\r\n\r\nOK";
  private static final String SSHFS = "{\"Id\":\"" + SSHFS_ID + "\","
      + "\"Name\":\"vieux/sshfs:latest\","
      + "\"Enabled\":true,\"Settings\":{\"Env\":[]},\"Config\":{\"Description\":\"sshFS\","
      + "\"Interface\":{\"Types\":[\"docker.volumedriver/1.0\"],\"Socket\":\"sshfs.sock\"}}}";
  private static final String BUSY = "{\"Id\":\"" + BUSY_ID + "\",\"Name\":\"busy:latest\","
      + "\"Enabled\":false,\"Config\":{\"Interface\":{\"Types\":[]}}}";

  private static final String REMOTE = "{\"Id\":\"" + REMOTE_ID + "\",\"Name\":\""
      + REMOTE_NAME + "\",\"Enabled\":false,\"Config\":{\"Interface\":{\"Types\":[]}}}";

  final RawPluginServer server;
  private final boolean docker;

  FakeDaemon(Path socket) throws IOException {
    this(socket, false);
  }

  /**
   * A fake at {@code socket}; with {@code docker}, a Docker daemon: Hangar's routes answer 404
   * as dockerd answers a route it does not have.
   */
  FakeDaemon(Path socket, boolean docker) throws IOException {
    this.docker = docker;
    server = RawPluginServer.unix(socket, this::respond);
  }

  List<RecordedRequest> requests() {
    return server.requests();
  }

  /** The requests other than pings. */
  List<RecordedRequest> calls() {
    return server.requests().stream().filter(r -> !r.target().equals("/_ping")).toList();
  }

  RecordedRequest last() {
    List<RecordedRequest> all = server.requests();
    return all.get(all.size() - 1);
  }

  private Reply respond(RecordedRequest r) {
    String t = r.target();
    String m = r.method();
    if (t.equals("/_ping")) {
      return Reply.raw(PING);
    }
    if (t.equals("/v1.41/plugins")) {
      return json(200, "[" + SSHFS + "," + BUSY + "]");
    }
    if (docker && t.startsWith("/hangar/")) {
      return json(404, "{\"message\":\"page not found\"}");
    }
    if (t.equals("/hangar/v1/plugins")) {
      return json(200, "[{\"Id\":\"" + SSHFS_ID + "\",\"Name\":\"vieux/sshfs:latest\","
          + "\"Enabled\":true,\"State\":\"restarting\","
          + "\"Types\":[\"docker.volumedriver/1.0\"]},{\"Id\":\"" + BUSY_ID + "\","
          + "\"Name\":\"busy:latest\",\"Enabled\":false,\"State\":\"failed\",\"Types\":[],"
          + "\"Failure\":\"exited 5 times within 60s\"}]");
    }
    if (t.startsWith("/v1.41/plugins/create?")) {
      return Reply.raw("HTTP/1.1 204 No Content\r\n\r\n");
    }
    if (m.equals("POST") && t.startsWith("/hangar/v1/plugins/" + SSHFS_ID + "/call/")) {
      return json(200, CALL_REPLY);
    }
    if (t.startsWith("/hangar/v1/plugins/vieux/sshfs/logs")) {
      return Reply.chunked(200, "{\"log\":\"out line\\n\",\"stream\":\"stdout\",\"time\":\"t1\"}\n",
          "{\"log\":\"err line\\n\",\"stream\":\"stderr\",\"time\":\"t2\"}\n");
    }
    if (t.equals("/hangar/v1/plugins/vieux/sshfs/privileges")) {
      return json(200, "[{\"Name\":\"network\",\"Description\":\"permissions to access a "
          + "network\",\"Value\":[\"host\"]},{\"Name\":\"mount\",\"Description\":\"host path to "
          + "mount\",\"Value\":[\"/a\",\"/b\"]}]");
    }
    String ref = ref(t);
    String plugin = plugin(ref);
    if (ref.equals("Bad")) {
      return error(400, "INVALID_PLUGIN_NAME", "invalid reference format: repository name "
          + "must be lowercase");
    }
    if (plugin == null) {
      return error(404, "PLUGIN_NOT_FOUND", "plugin \"" + ref + "\" not found");
    }
    if (plugin.equals(BUSY) && (t.contains("/disable") || m.equals("DELETE"))) {
      return error(409, "PLUGIN_IN_USE", "plugin busy:latest is in use");
    }
    if (t.endsWith("/json")) {
      return json(200, plugin);
    }
    if (m.equals("POST") && t.endsWith("/push")) {
      return Reply.chunked(200,
          "{\"status\":\"The push refers to repository [127.0.0.1:5000/team/vol]\"}\n",
          "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1.0\",\"Digest\":\"sha256:"
              + "0".repeat(64) + "\",\"Size\":420}}\n");
    }
    if (t.contains("/set")) {
      return Reply.raw("HTTP/1.1 204 No Content\r\n\r\n");
    }
    return Reply.raw("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  }

  /** The {name} of an Engine route: between /plugins/ and the action (or the query). */
  private static String ref(String target) {
    String p = target.replaceFirst("^/v1\\.41/plugins/|^/hangar/v1/plugins/", "");
    int q = p.indexOf('?');
    p = q < 0 ? p : p.substring(0, q);
    return p.replaceFirst("/(json|enable|disable|set|push|logs|privileges|call/.*)$", "");
  }

  private static String plugin(String ref) {
    if (ref.equals("vieux/sshfs") || ref.equals("vieux/sshfs:latest") || ref.equals(SSHFS_ID)
        || !ref.isEmpty() && SSHFS_ID.startsWith(ref)) {
      return SSHFS;
    }
    if (ref.equals("busy") || ref.equals("busy:latest") || ref.equals(BUSY_ID)) {
      return BUSY;
    }
    if (ref.equals(REMOTE_NAME) || !ref.isEmpty() && REMOTE_ID.startsWith(ref)) {
      return REMOTE;
    }
    return null;
  }

  static Reply json(int status, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return Reply.raw(concat("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + b.length + "\r\n\r\n", b));
  }

  static Reply error(int status, String code, String message) {
    byte[] b = ("{\"message\":\"" + message.replace("\"", "\\\"") + "\"}\n")
        .getBytes(StandardCharsets.UTF_8);
    return Reply.raw(concat("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n"
        + "Hangar-Error-Code: " + code + "\r\nContent-Length: " + b.length + "\r\n\r\n", b));
  }

  private static byte[] concat(String head, byte[] body) {
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
