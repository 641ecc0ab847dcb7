package dev.hangar.protocol.authz;

import dev.hangar.protocol.PluginInterface;
import dev.hangar.protocol.WireMethod;

/**
 * Docker's authorization plugin subsystem. Docker calls {@link #authZReq} before an API request is
 * handled and {@link #authZRes} after, with the response fields filled in; {@code Allow:false}
 * denies the request with HTTP 403 and {@code Msg}.
 *
 * <p>The capability is lower-case {@code authz}. Docker ignores {@code Err} in a 200 reply, hence
 * {@code errInBody = false}.
 *
 * @since 0.1
 */
@PluginInterface(value = "authz", errInBody = false)
public interface Authz {

  /** Decides whether a request may proceed. */
  @WireMethod("AuthZPlugin.AuthZReq")
  AuthzResponse authZReq(AuthzRequest request);

  /** Decides whether a response may be returned to the client. */
  @WireMethod("AuthZPlugin.AuthZRes")
  AuthzResponse authZRes(AuthzRequest request);
}
