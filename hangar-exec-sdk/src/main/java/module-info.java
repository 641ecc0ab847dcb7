/**
 * Hangar's exec plugin SDK: write in Java a program that Hangar (or core0) runs once per call
 * and that answers in core0's framing on stdout. Jackson is part of its API (a call's arguments
 * are a {@code JsonNode}, the mapper can be replaced); nothing else, and no other Hangar module.
 *
 * <p>A plugin that is a named module itself and binds its arguments to its own records opens
 * their package to {@code com.fasterxml.jackson.databind}.
 */
module dev.hangar.exec.sdk {
  requires transitive com.fasterxml.jackson.databind;

  exports dev.hangar.exec.sdk;
}
