/**
 * TLS from PEM files for the plugin protocol's client and server: {@link
 * dev.hangar.protocol.internal.tls.TlsContexts} and {@link dev.hangar.protocol.internal.tls.Pem}.
 * Not API.
 */
package dev.hangar.protocol.internal.tls;
