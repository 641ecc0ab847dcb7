/**
 * Docker's authorization subsystem ({@code Implements: ["authz"]}): the
 * {@link dev.hangar.protocol.authz.Authz} interface and its records, with Docker's exact wire
 * shapes (bodies as base64, peer certificates as base64 of PEM text, every request field left out
 * when empty).
 *
 * @since 0.1
 */
package dev.hangar.protocol.authz;
