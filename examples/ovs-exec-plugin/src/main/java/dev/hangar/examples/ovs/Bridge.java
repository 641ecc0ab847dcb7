package dev.hangar.examples.ovs;

import java.util.List;

/**
 * The result of {@code bridge-add}: the bridge and the {@code ovs-vsctl} command that would
 * create it (the example changes nothing on the machine).
 *
 * @param name    the bridge's name
 * @param vlan    its VLAN tag, or null
 * @param command the {@code ovs-vsctl} argv
 */
public record Bridge(String name, Integer vlan, List<String> command) {}
