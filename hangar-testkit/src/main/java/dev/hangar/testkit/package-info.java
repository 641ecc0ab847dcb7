/**
 * Test fixtures for Hangar and for plugin authors, depending on the JDK only.
 *
 * <ul>
 *   <li>{@link dev.hangar.testkit.RawPluginServer}: a plugin server speaking raw bytes on a unix
 *       socket, a TCP port or a TLS port; records every request exactly and answers with scripted
 *       {@link dev.hangar.testkit.Reply replies}, misbehaviour included (never answer, close in
 *       the middle, bodies larger than the heap).
 *   <li>{@link dev.hangar.testkit.ManualClock}: virtual time for retry schedules, no waiting.
 *   <li>{@link dev.hangar.testkit.PatternStream}: deterministic bodies of any length, with their
 *       checksum.
 *   <li>{@link dev.hangar.testkit.TestPki}: a CA, a server and a client certificate as PEM files,
 *       made by {@code openssl}.
 *   <li>{@link dev.hangar.testkit.PluginJarBuilder}: JAR plugins compiled in-process from Java
 *       sources, with manifest, service entries and bundled {@code lib/*.jar} libraries.
 * </ul>
 *
 * <p>Unix socket paths must stay under 108 bytes: put sockets in a short directory such as one
 * made by {@code Files.createTempDirectory(Path.of("/tmp"), "hg")}.
 *
 * @since 0.1
 */
package dev.hangar.testkit;
