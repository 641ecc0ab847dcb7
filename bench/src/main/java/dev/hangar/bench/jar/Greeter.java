package dev.hangar.bench.jar;

import org.pf4j.ExtensionPoint;

/**
 * The extension point of the PF4J side of the cold-load benchmark: each generated PF4J plugin has
 * one {@code @Extension} implementing it. The Hangar side implements the JDK's
 * {@link java.util.function.Supplier} instead, as Hangar shares only {@code java.*} and
 * {@code dev.hangar.api.*} with plugins.
 */
public interface Greeter extends ExtensionPoint {
  /** The plugin's name. */
  String greet();
}
