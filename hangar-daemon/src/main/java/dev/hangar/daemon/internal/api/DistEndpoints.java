package dev.hangar.daemon.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hangar.managed.ManagedPlugin;
import dev.hangar.managed.ManagedPlugins;
import dev.hangar.managed.Privilege;
import dev.hangar.managed.PullRequest;
import dev.hangar.managed.PushResult;
import dev.hangar.managed.internal.config.Privileges;
import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.CredentialSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's registry routes over {@link ManagedPlugins}, as moby's plugin router: privileges,
 * pull, push (and upgrade), with {@code X-Registry-Auth} ({@link RegistryAuth}) and streamed
 * progress ({@link ProgressStream}).
 */
final class DistEndpoints {
  /** The largest privileges body read. */
  static final int MAX_PRIVILEGES_BODY = 1 << 20;

  private final ManagedPlugins plugins;

  DistEndpoints(ManagedPlugins plugins) {
    this.plugins = plugins;
  }

  /** {@code GET /plugins/privileges?remote=}: 200 and the Privilege array. */
  void privileges(Exchange ex) {
    String remote = ex.query().get("remote");
    List<Privilege> ps = plugins.remotePrivileges(remote, credentials(ex));
    ex.json(200, ApiJson.encode(Privileges.toJson(ps)));
  }

  /**
   * {@code POST /plugins/pull?remote=&name=} with the granted privileges as the body: 200,
   * {@code Docker-Plugin-Name}, the progress stream. A name that exists is Docker's 400
   * {@code plugin <n> already exists} (moby wraps it as an invalid parameter on pull).
   */
  void pull(Exchange ex) throws IOException {
    List<Privilege> granted = privilegesBody(ex);
    PullRequest req = new PullRequest(ex.query().get("remote"), ex.query().get("name"), granted,
        credentials(ex));
    ex.header("Docker-Plugin-Name", localName(req));
    streamed(ex, stream -> plugins.pull(req, stream::send),
        e -> e.code() == ErrorCode.PLUGIN_EXISTS ? new StatusException(400, e) : e);
  }

  /**
   * {@code POST /plugins/{name}/push}: 200 and the progress stream, the last message Docker's
   * {@code aux} {@code {"Tag","Digest","Size"}}.
   */
  void push(Exchange ex) throws IOException {
    streamed(ex, stream -> {
      PushResult r = plugins.push(ex.name(), credentials(ex), stream::send);
      stream.aux(ApiJson.object().put("Tag", r.tag()).put("Digest", r.digest())
          .put("Size", r.size()));
    }, e -> e);
  }

  /**
   * {@code POST /plugins/{name}/upgrade?remote=} with the granted privileges: 200,
   * {@code Docker-Plugin-Name}, the progress stream; 409 {@code plugin must be disabled before
   * upgrading: plugin <n> is enabled} before it.
   */
  void upgrade(Exchange ex) throws IOException {
    List<Privilege> granted = privilegesBody(ex);
    PullRequest req = new PullRequest(ex.query().get("remote"), "", granted, credentials(ex));
    ManagedPlugin p = plugins.inspect(ex.name());
    dev.hangar.managed.internal.ref.References.remote(req.remote(), ""); // 400 before the stream
    ex.header("Docker-Plugin-Name", p.name());
    streamed(ex, stream -> plugins.upgrade(p.id(), req, stream::send), e -> e);
  }

  /**
   * Runs {@code work} on a progress stream, as dockerd: a failure before the stream's first
   * flush is an ordinary error reply ({@code beforeStart} may map it), after it an in-stream
   * {@code errorDetail} message; then the stream ends.
   */
  private static void streamed(Exchange ex, java.util.function.Consumer<ProgressStream> work,
      java.util.function.Function<HangarException, RuntimeException> beforeStart)
      throws IOException {
    ProgressStream stream = new ProgressStream(ex);
    try {
      work.accept(stream);
    } catch (RuntimeException e) {
      if (!stream.started()) {
        throw e instanceof HangarException h ? beforeStart.apply(h) : e;
      }
      if (e instanceof HangarException h) {
        stream.error(h.getMessage(), Optional.of(h.code()));
      } else {
        stream.error(e.toString(), Optional.of(ErrorCode.INTERNAL));
      }
    }
    stream.end();
  }

  /**
   * {@code GET /hangar/v1/remote?remote=}: {@code {"Digest","Name","Privileges"}}, the remote's
   * manifest digest, the stored name a pull of it gets, and its privileges (Hangar's, for
   * {@code hangar plugin install} of what is installed already).
   */
  void remote(Exchange ex) {
    String remote = ex.query().get("remote");
    dev.hangar.managed.RemoteImage r = plugins.remoteImage(remote, credentials(ex));
    var o = ApiJson.object().put("Digest", r.digest()).put("Name", localName(
        new PullRequest(remote, ex.query().get("name"), List.of(), CredentialSource.NONE)));
    o.set("Privileges", Privileges.toJson(r.privileges()));
    ex.json(200, ApiJson.encode(o));
  }

  /** The stored name a pull gets: what {@code Docker-Plugin-Name} says. */
  private static String localName(PullRequest req) {
    return dev.hangar.managed.internal.ref.References.remote(req.remote(), req.name())
        .localName();
  }

  private static CredentialSource credentials(Exchange ex) {
    return RegistryAuth.of(ex.header(RegistryAuth.HEADER));
  }

  /** The body as Go decodes it into {@code plugin.Privileges}: null or absent is empty. */
  static List<Privilege> privilegesBody(Exchange ex) throws IOException {
    return privileges(JsonBody.read(ex.header("Content-Type"), ex.declaredLength(), ex.body(),
        MAX_PRIVILEGES_BODY));
  }

  /**
   * {@link #privilegesBody} once read.
   *
   * @throws HangarException USAGE with Go's message when it is not an array of objects
   */
  static List<Privilege> privileges(Optional<JsonNode> body) {
    List<Privilege> out = new ArrayList<>();
    if (body.isEmpty() || body.get().isNull()) {
      return out;
    }
    if (!(body.get() instanceof ArrayNode a)) {
      throw new HangarException(ErrorCode.USAGE, "invalid JSON: json: cannot unmarshal "
          + "object into Go value of type types.PluginPrivileges");
    }
    for (JsonNode p : a) {
      if (!p.isObject()) {
        throw new HangarException(ErrorCode.USAGE, "invalid JSON: json: cannot unmarshal "
            + "value into Go value of type types.PluginPrivilege");
      }
      List<String> values = new ArrayList<>();
      for (JsonNode v : p.path("Value")) {
        values.add(v.asText());
      }
      out.add(new Privilege(p.path("Name").asText(""), p.path("Description").asText(""),
          values));
    }
    return out;
  }

  /** A {@link HangarException} answered with another status than its code's. */
  static final class StatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    StatusException(int status, HangarException cause) {
      super(cause.getMessage(), cause);
      this.status = status;
    }

    HangarException hangar() {
      return (HangarException) getCause();
    }
  }
}
