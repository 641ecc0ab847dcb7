/**
 * Machinery of {@link dev.hangar.registry.sign}. Not API.
 *
 * <p>Roles: {@link dev.hangar.registry.internal.sign.SignatureImage} is cosign's
 * {@code sha256-<hex>.sig} image (tag, layers, config, manifest);
 * {@link dev.hangar.registry.internal.sign.Payloads} writes and strictly reads simple-signing
 * payloads; {@link dev.hangar.registry.internal.sign.Ecdsa} signs and verifies;
 * {@link dev.hangar.registry.internal.sign.KeyFiles} reads PEM keys;
 * {@link dev.hangar.registry.internal.sign.PolicyParser} reads policy files with line numbers;
 * {@link dev.hangar.registry.internal.sign.SmallBlobs} moves payloads through temporary files.
 */
package dev.hangar.registry.internal.sign;
