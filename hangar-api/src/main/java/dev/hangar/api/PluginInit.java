package dev.hangar.api;

import java.util.Map;

/**
 * The entry point of a JAR plugin: the Java form of Dragonfly's {@code DragonflyPluginInit}. A
 * plugin JAR names its one implementation in
 * {@code META-INF/services/dev.hangar.api.PluginInit}; the host instantiates it with its public
 * no-argument constructor and calls {@link #init} once, with the plugin's class loader as the
 * thread's context class loader.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PluginInit {
  /**
   * Creates the plugin.
   *
   * @param options the plugin's options: from the host application, or for the CLI from the
   *     {@code .properties} file beside the JAR; never null, possibly empty, unmodifiable
   * @return the implementation and its attributes; {@code type} and {@code name} are required and
   *     must match the JAR's file name ({@code <vendor>-<type>-plugin-<name>.jar})
   * @throws Exception any failure; the host reports it for this plugin and loads the others
   */
  Loaded init(Map<String, String> options) throws Exception;
}
