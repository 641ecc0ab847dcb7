/**
 * Internal: a JAR plugin's method called by name with JSON arguments, for {@code hangar plugin
 * call} in the CLI and through the daemon's relay. Not API.
 */
package dev.hangar.internal.jarcall;
