package dev.hangar.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command reads and writes besides its options: the standard streams and the environment.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 * @param env the environment
 */
record CliContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {}
