/**
 * The daemon's listeners: {@code -H} addresses, unix socket files, and the Jetty server with its
 * unix and mutual-TLS TCP connectors. Not API; may change in any release.
 */
package dev.hangar.daemon.internal.server;
