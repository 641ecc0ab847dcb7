package dev.hangar.protocol.authz;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The reply to both authz methods: {@code {"Allow":true,"Msg":"...","Err":"..."}}. {@code Allow}
 * is always sent; {@code Msg} and {@code Err} are left out when empty, as in Docker.
 *
 * @param allow whether the request or response may proceed
 * @param msg why, shown to the client when denied ({@code ""} when absent)
 * @param err an error text; Docker ignores it in a 200 reply ({@code ""} when absent)
 * @since 0.1
 */
public record AuthzResponse(
    @JsonProperty("Allow") boolean allow,
    @JsonProperty("Msg") @JsonInclude(JsonInclude.Include.NON_EMPTY) String msg,
    @JsonProperty("Err") @JsonInclude(JsonInclude.Include.NON_EMPTY) String err) {

  /** Null texts become {@code ""}. */
  public AuthzResponse {
    msg = msg == null ? "" : msg;
    err = err == null ? "" : err;
  }

  /** Allows, without a message. */
  public static AuthzResponse allowed() {
    return new AuthzResponse(true, "", "");
  }

  /** Denies, with the message shown to the client. */
  public static AuthzResponse denied(String msg) {
    return new AuthzResponse(false, msg, "");
  }
}
