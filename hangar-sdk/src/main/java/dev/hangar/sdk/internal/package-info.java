/**
 * The SDK server's machinery: routing, the Jetty handler, unix socket binding and spec files. Not
 * API; may change in any release.
 */
package dev.hangar.sdk.internal;
