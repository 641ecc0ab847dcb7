/**
 * Docker's {@code VolumeDriver} subsystem: the {@link dev.hangar.protocol.volume.VolumeDriver}
 * interface and its request and response records, with the exact wire shapes Docker's daemon
 * sends and Docker's Go plugin SDK answers (field names, {@code "Opts":null}, fields left out when
 * empty). Used by the client proxy and by the SDK server alike.
 *
 * @since 0.1
 */
package dev.hangar.protocol.volume;
