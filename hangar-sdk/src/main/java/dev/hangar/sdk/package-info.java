/**
 * Hangar's plugin SDK: write a socket plugin in Java that Docker's daemon and Hangar can both
 * drive. {@link dev.hangar.sdk.PluginServer} answers {@code Plugin.Activate}, routes
 * {@code POST /<Iface>.<Method>} to an implementation of an annotated interface (such as
 * {@link dev.hangar.protocol.volume.VolumeDriver}) or to {@link dev.hangar.sdk.RawHandler}s, and
 * follows the status and body rules Docker expects. Everything under
 * {@code dev.hangar.sdk.internal} is machinery, not API.
 *
 * @since 0.1
 */
package dev.hangar.sdk;
