package dev.hangar.registry.sign;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import dev.hangar.registry.Digest;
import dev.hangar.registry.Reference;
import java.util.Objects;

/**
 * A manifest was refused by the signature policy: {@link ErrorCode#SIGNATURE_REQUIRED} (it has no
 * signature) or {@link ErrorCode#SIGNATURE_INVALID} (none of its signatures is valid). The
 * message names the reference, the manifest digest and why.
 *
 * @since 0.1
 */
public final class SignatureException extends HangarException {
  private static final long serialVersionUID = 1L;

  private final transient Reference reference;
  private final transient Digest digest;

  /**
   * @param code SIGNATURE_REQUIRED or SIGNATURE_INVALID
   * @param message the full message
   * @param reference the reference being verified
   * @param digest the manifest digest being verified
   */
  public SignatureException(ErrorCode code, String message, Reference reference, Digest digest) {
    super(code, message);
    this.reference = Objects.requireNonNull(reference, "reference");
    this.digest = Objects.requireNonNull(digest, "digest");
  }

  /** The reference that was verified. */
  public Reference reference() {
    return reference;
  }

  /** The manifest digest that was verified. */
  public Digest digest() {
    return digest;
  }
}
