/**
 * Managed plugins' output: each plugin's stdout and stderr kept in a bounded, rotated log written
 * exactly as Docker's json-file driver writes it, and copied into the daemon's own log. Not API:
 * the manager uses it behind {@link dev.hangar.managed.ManagedPlugins#logs}.
 *
 * <p>Roles: {@link dev.hangar.managed.internal.logs.OutputPump} reads a process stream and splits
 * it into lines as Docker's copier does ({@code LineSplitter}); {@link
 * dev.hangar.managed.internal.logs.PluginLog} writes and rotates the files and reads them back
 * ({@code LogReader}, over {@code LogFiles} and {@code FileLines}); {@code JsonLines} is the line
 * format and {@code Utf8} decodes bytes as Go does; {@link
 * dev.hangar.managed.internal.logs.OutputTail} keeps the last lines for error messages.
 */
package dev.hangar.managed.internal.logs;
