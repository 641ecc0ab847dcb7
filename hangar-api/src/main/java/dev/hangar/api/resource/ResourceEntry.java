package dev.hangar.api.resource;

import java.net.URI;

/**
 * One entry of a listed directory.
 *
 * @param uri the entry's URI
 * @param name its name within the directory
 * @param directory whether it is itself a directory
 * @since 0.1
 */
public record ResourceEntry(URI uri, String name, boolean directory) {}
