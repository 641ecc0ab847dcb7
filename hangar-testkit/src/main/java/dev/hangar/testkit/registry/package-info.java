/**
 * Registry fixtures: {@link dev.hangar.testkit.registry.RegistryServer} runs Debian's
 * {@code docker-registry} (the distribution project's registry 2.8) on a free loopback port
 * (or another address, in a network namespace if asked) with storage in a test directory,
 * optionally behind htpasswd Basic auth, TLS (with client certificates) or bearer tokens from a
 * {@link dev.hangar.testkit.registry.TokenServer}, a small token endpoint signing JWTs with a
 * test key, or as a pull-through cache of another registry.
 *
 * @since 0.1
 */
package dev.hangar.testkit.registry;
