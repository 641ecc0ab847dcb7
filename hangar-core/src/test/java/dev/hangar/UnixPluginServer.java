package dev.hangar;

import dev.hangar.testkit.RawPluginServer;
import dev.hangar.testkit.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A test plugin on a real unix socket (the testkit's {@link RawPluginServer}): answers
 * {@code Plugin.Activate} with a manifest, other methods through a function, and counts what it
 * was asked.
 */
final class UnixPluginServer implements AutoCloseable {
  /** A reply: status and JSON body. */
  record Reply(int status, String body) {
    static Reply ok(String body) {
      return new Reply(200, body);
    }
  }

  final Path socket;
  private final RawPluginServer server;

  private UnixPluginServer(Path socket, Function<String, Reply> handler) throws IOException {
    this.socket = socket;
    Files.createDirectories(socket.getParent());
    this.server = RawPluginServer.unix(socket, r -> {
      Reply reply = handler.apply(method(r));
      return dev.hangar.testkit.Reply.json(reply.status(), reply.body());
    });
  }

  /** A plugin implementing {@code implementsList}, answering {@code {}} to other methods. */
  static UnixPluginServer start(Path socket, String... implementsList) {
    String manifest = "{\"Implements\":[" + String.join(",",
        Arrays.stream(implementsList).map(s -> "\"" + s + "\"").toList()) + "]}";
    return start(socket, m -> m.equals("Plugin.Activate") ? Reply.ok(manifest) : Reply.ok("{}"));
  }

  /** A plugin answering every method, {@code Plugin.Activate} included, with {@code handler}. */
  static UnixPluginServer start(Path socket, Function<String, Reply> handler) {
    try {
      return new UnixPluginServer(socket, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String method(RecordedRequest r) {
    return r.target().substring(1);
  }

  /** The methods called so far, in order. */
  List<String> methods() {
    return server.requests().stream().map(UnixPluginServer::method).toList();
  }

  /** How many times {@code Plugin.Activate} was called. */
  long activations() {
    return methods().stream().filter("Plugin.Activate"::equals).count();
  }

  /** The requests so far. */
  List<RecordedRequest> requests() {
    return server.requests();
  }

  /** Stops listening and removes the socket, as a plugin process that exits. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
