/**
 * Network fixtures: {@link dev.hangar.testkit.net.NetNamespaces} makes a private network of
 * network namespaces (each member with a veth to one bridge), for tests of several daemons and
 * registries that must not share an address; needs root and {@code ip netns}.
 *
 * @since 0.1
 */
package dev.hangar.testkit.net;
