/**
 * Managed plugins, as moby's plugin manager: Docker plugin packages pulled from a registry (or
 * built), installed, enabled under runc and supervised, with their settings and logs. Its API
 * names {@code dev.hangar.registry}'s references, credentials and signature policy.
 *
 * <p>Of the {@code internal} packages, {@code config}, {@code dist} and {@code ref} are exported
 * to the daemon and the CLI, which build on them; they are not API.
 */
@SuppressWarnings("module") // the sibling modules named below are compiled after this one
module dev.hangar.managed {
  requires transitive dev.hangar.registry;
  requires dev.hangar.api;
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.compress;
  requires java.logging;

  exports dev.hangar.managed;

  exports dev.hangar.managed.internal.config to dev.hangar.daemon;
  exports dev.hangar.managed.internal.dist to dev.hangar.daemon, dev.hangar.cli;
  exports dev.hangar.managed.internal.ref to dev.hangar.daemon, dev.hangar.cli;
}
