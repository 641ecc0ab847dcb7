package dev.hangar.protocol.volume;

/**
 * The body of {@code VolumeDriver.List}: always {@code {}}, as Docker sends it.
 *
 * @since 0.1
 */
public record ListRequest() {}
