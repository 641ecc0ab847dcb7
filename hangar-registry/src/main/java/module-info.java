/**
 * Hangar's registry client: pulls and pushes Docker plugin packages (OCI and Docker v2
 * manifests and blobs), with Docker's credentials, token auth and signatures. Its errors are
 * {@code dev.hangar.protocol}'s. The {@code internal} packages are exported to no one: no other
 * module uses them.
 */
module dev.hangar.registry {
  requires transitive dev.hangar.protocol;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;

  exports dev.hangar.registry;
  exports dev.hangar.registry.sign;
}
