/**
 * Docker's plugin wire protocol, shared by the host and by Java socket plugins: the wire
 * constants and records, the error root and codes, the client, and the VolumeDriver and authz
 * interfaces.
 *
 * <p>The {@code internal} packages (JSON configuration, the HTTP/1.1 client, TLS) are exported
 * only to the Hangar modules built on them; they are not API. Jackson reads and writes the wire
 * records through their public accessors; {@code volume} is open to it for the package-private
 * serializer its records name.
 */
@SuppressWarnings("module") // the sibling modules named below are compiled after this one
module dev.hangar.protocol {
  requires com.fasterxml.jackson.databind;

  exports dev.hangar.protocol;
  exports dev.hangar.protocol.authz;
  exports dev.hangar.protocol.client;
  exports dev.hangar.protocol.volume;

  opens dev.hangar.protocol.volume to com.fasterxml.jackson.databind;

  exports dev.hangar.protocol.internal to
      dev.hangar.sdk, dev.hangar.registry, dev.hangar.managed, dev.hangar, dev.hangar.daemon,
      dev.hangar.cli;
  exports dev.hangar.protocol.internal.http to dev.hangar, dev.hangar.daemon;
  exports dev.hangar.protocol.internal.tls to
      dev.hangar.sdk, dev.hangar.registry, dev.hangar, dev.hangar.daemon;
}
