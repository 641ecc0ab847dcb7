/**
 * The Hangar host library: finds, activates and calls plugins of every kind (Docker-style socket
 * plugins, JAR plugins in class loaders of their own, exec plugins, managed plugins) behind
 * {@link dev.hangar.PluginHost}. Its API names the plugin API's, the protocol's and the managed
 * plugins' types, and Jackson's {@code JsonNode} (exec plugins' results).
 *
 * <p>JAR plugins are not modules: each is loaded into a class loader of its own (an unnamed
 * module) that takes {@code dev.hangar.api} from this layer. Of the {@code internal} packages,
 * {@code discovery} is exported to the CLI, {@code observe} to the daemon and {@code jarcall}
 * to both, which build on them; they are not API.
 */
@SuppressWarnings({"module", "requires-automatic"}) // siblings compiled after; tomlj automatic
module dev.hangar {
  requires transitive dev.hangar.api;
  requires transitive dev.hangar.protocol;
  requires transitive dev.hangar.managed;
  requires transitive com.fasterxml.jackson.databind;
  requires org.tomlj;
  requires java.logging;
  requires java.net.http;

  exports dev.hangar;
  exports dev.hangar.exec;
  exports dev.hangar.observe;
  exports dev.hangar.resource;

  exports dev.hangar.internal.discovery to dev.hangar.cli;
  exports dev.hangar.internal.observe to dev.hangar.daemon;
  exports dev.hangar.internal.jarcall to dev.hangar.cli, dev.hangar.daemon;
}
