/**
 * Write exec plugins in Java: programs that Hangar (or core0) runs once per call with the method
 * name and the JSON arguments on the command line, and that answer in core0's framing on stdout.
 *
 * <p>{@link dev.hangar.exec.sdk.ExecPlugin} maps method names to handlers and implements the
 * whole contract in {@code main}; {@link dev.hangar.exec.sdk.Log} writes leveled messages. The
 * contract itself is in {@code docs/exec-plugin-authors.md}.
 */
package dev.hangar.exec.sdk;
