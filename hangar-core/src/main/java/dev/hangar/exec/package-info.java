/**
 * Exec plugins, the core0 model: executables declared in {@code .plugin.toml} files, called as
 * {@code domain.method} with JSON arguments in argv, answering in core0's framed stdout.
 */
package dev.hangar.exec;
