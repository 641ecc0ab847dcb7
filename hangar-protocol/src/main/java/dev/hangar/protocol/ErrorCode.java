package dev.hangar.protocol;

/**
 * Stable error codes. Names are never renamed or reused; each is listed in {@code docs/errors.md}
 * with its CLI exit status and its HTTP status.
 *
 * @since 0.1
 */
public enum ErrorCode {
  /** The command line or a call's arguments are malformed. */
  USAGE(2, 400),
  /** A plugin name is empty, too long, or has characters outside {@code [A-Za-z0-9_.-]}. */
  INVALID_PLUGIN_NAME(2, 400),
  /** No socket, spec or JSON file for the name in any configured directory. */
  PLUGIN_NOT_FOUND(1, 404),
  /** A {@code .spec} or {@code .json} file, or a socket path, is unusable; the message names it. */
  SPEC_INVALID(1, 500),
  /** TLS material (CA, certificate, key) could not be read or used. */
  TLS_INVALID(1, 500),
  /** The plugin activated but does not list the requested capability in {@code Implements}. */
  CAPABILITY_NOT_IMPLEMENTED(1, 404),
  /** {@code Plugin.Activate} failed. */
  ACTIVATION_FAILED(1, 502),
  /** No connection could be made to the plugin; the request never reached it. */
  PLUGIN_UNREACHABLE(1, 503),
  /** The connection broke after the request was (maybe) sent; the plugin may have acted on it. */
  CONNECTION_LOST(1, 502),
  /** The plugin did not answer within the call's timeout. */
  PLUGIN_TIMEOUT(1, 504),
  /** The plugin answered 404: it does not implement the method. */
  METHOD_NOT_FOUND(1, 501),
  /**
   * The plugin answered with a status other than 200, or a 200 carrying a non-empty
   * {@code Err}.
   */
  PLUGIN_CALL_FAILED(1, 502),
  /**
   * The plugin's reply broke the protocol (an empty 200 body where a result is expected, bad
   * JSON).
   */
  PROTOCOL_ERROR(1, 502),
  /** A socket is already served by a live process and was left alone. */
  SOCKET_IN_USE(1, 409),
  /** A local file could not be read or written. */
  IO_ERROR(1, 500),
  /** A bug in Hangar. */
  INTERNAL(70, 500),
  /**
   * A JAR plugin was refused: corrupt or empty JAR, bad file name, no or several
   * {@code PluginInit}, init threw, timed out or returned something unusable, bad attributes.
   */
  PLUGIN_LOAD_FAILED(1, 500),
  /**
   * A JAR plugin's manifest lacks {@code Hangar-Api-Version}, or names an API version this host
   * does not accept (another major, or a newer minor).
   */
  API_VERSION_MISMATCH(1, 409),
  /** No resource client serves the URL's scheme; the message lists the known schemes. */
  UNKNOWN_SCHEME(1, 400),
  /** The resource does not exist (HTTP 404/410, a missing file). */
  RESOURCE_NOT_FOUND(1, 404),
  /** No connection could be made to the resource's server (refused, unknown host, timeout). */
  RESOURCE_UNREACHABLE(1, 503),
  /** A download failed: an unexpected status, a broken or short transfer. */
  DOWNLOAD_FAILED(1, 502),
  /** The downloaded bytes do not match the expected digest; nothing was kept. */
  DIGEST_MISMATCH(1, 502),
  /** The requested byte range lies outside the resource. */
  RANGE_NOT_SATISFIABLE(1, 416),
  /** The disk filled up while writing a download; the message names the file. */
  DISK_FULL(1, 507),
  /**
   * A {@code .plugin.toml} exec declaration is unusable: bad TOML, an unknown key, a missing or
   * non-executable {@code path}, empty {@code exports}, a bad or duplicate domain or method name.
   * The message names the file, the line and the key.
   */
  EXEC_DECLARATION_INVALID(1, 500),
  /** An exec plugin exited with a non-zero status (or could not be started). */
  EXEC_FAILED(1, 502),
  /** An exec plugin was killed by a signal Hangar did not send. */
  EXEC_KILLED(1, 502),
  /** An exec plugin wrote more output than the per-call cap; it was stopped. */
  OUTPUT_TOO_LARGE(1, 502),
  /** A managed plugin of that name already exists ({@code plugin <n> already exists}). */
  PLUGIN_EXISTS(1, 409),
  /** A name or ID prefix matches several managed plugins ({@code multiple plugins found}). */
  PLUGIN_AMBIGUOUS(1, 400),
  /** The managed plugin is disabled ({@code plugin <n> found but disabled}). */
  PLUGIN_DISABLED(1, 409),
  /** The managed plugin is enabled and the operation needs it disabled. */
  PLUGIN_ENABLED(1, 409),
  /** The managed plugin is in use (held by a lookup) and {@code force} was not given. */
  PLUGIN_IN_USE(1, 409),
  /**
   * A managed plugin package is unusable: no or malformed {@code config.json}, a bad field, no
   * {@code rootfs/}, an archive entry that escapes or is not allowed, too large when expanded.
   */
  PACKAGE_INVALID(1, 400),
  /** A {@code set} argument is malformed, names no setting, or is not settable (Docker: 500). */
  SETTING_INVALID(1, 500),
  /** The OCI runtime (runc by default) is missing or unusable; the message names the package. */
  RUNTIME_UNAVAILABLE(1, 500),
  /** A managed plugin did not start: it exited, or its socket did not answer in time. */
  PLUGIN_START_FAILED(1, 500),
  /** A managed plugin's saved state cannot be read; reported for that plugin only. */
  STATE_INVALID(1, 500),
  /** Another daemon holds the root's lock; the message names the holder. */
  ROOT_LOCKED(1, 409),
  /** No Hangar daemon answers at the address the CLI was given. */
  DAEMON_UNREACHABLE(1, 503),
  /** The operation is not implemented yet (the daemon's registry routes until then). */
  NOT_IMPLEMENTED(1, 501),
  /**
   * No usable connection to a registry: refused, unknown host, a TLS certificate not trusted,
   * a connection that broke or stalled mid-transfer. The message names the registry.
   */
  REGISTRY_UNREACHABLE(1, 503),
  /** A registry refused the credentials, or asked for some and none were found. */
  REGISTRY_AUTH(1, 401),
  /** The registry has no such repository, tag or manifest, or none for the platform. */
  MANIFEST_NOT_FOUND(1, 404),
  /** The registry has no blob of that digest in the repository. */
  BLOB_NOT_FOUND(1, 404),
  /**
   * A manifest is unusable (bad JSON, unknown media type, too large, a bad descriptor), or the
   * registry refused one that was pushed.
   */
  MANIFEST_INVALID(1, 502),
  /** The registry answered with an error no other code covers (a 5xx, a refused upload). */
  REGISTRY_ERROR(1, 502),
  /** Docker's config file is malformed, or a {@code docker-credential-*} helper failed. */
  CREDENTIALS_INVALID(1, 500),
  /**
   * The signature policy requires a signature for the reference and its manifest has none (no
   * {@code sha256-<hex>.sig} tag in its repository). Nothing of the plugin was fetched.
   */
  SIGNATURE_REQUIRED(1, 403),
  /**
   * The signature policy requires a signature and none of the manifest's signatures is valid:
   * signed by another key, over other bytes, or a payload naming another manifest or repository.
   */
  SIGNATURE_INVALID(1, 403),
  /** A signature policy file is unusable; the message names the file, the line and the field. */
  SIGNATURE_POLICY_INVALID(1, 500),
  /** A signing or verification key file is unusable (not PEM, not an ECDSA P-256 key). */
  SIGNATURE_KEY_INVALID(1, 500),
  /**
   * The privileges granted for a pull or upgrade are not exactly those the plugin asks for
   * ({@code incorrect privileges}, moby's {@code validatePrivileges}; Docker answers 500).
   */
  PRIVILEGES_INCORRECT(1, 500),
  /**
   * The privileges a plugin asks for were not granted at install: declined at the prompt, or no
   * terminal to ask on and no {@code --grant-all-permissions}.
   */
  PRIVILEGES_NOT_GRANTED(1, 403);

  private final int exitStatus;
  private final int httpStatus;

  ErrorCode(int exitStatus, int httpStatus) {
    this.exitStatus = exitStatus;
    this.httpStatus = httpStatus;
  }

  /** The exit status of the {@code hangar} CLI when a command fails with this code. */
  public int exitStatus() {
    return exitStatus;
  }

  /** The HTTP status the daemon answers with when a request fails with this code. */
  public int httpStatus() {
    return httpStatus;
  }
}
