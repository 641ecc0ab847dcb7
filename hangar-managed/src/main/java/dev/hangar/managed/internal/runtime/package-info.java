/**
 * Running managed plugins under an OCI runtime (runc by default). Not API.
 *
 * <p>Roles: {@link dev.hangar.managed.internal.runtime.RuntimeDirs} picks short per-root
 * runtime directories (socket paths stay under the {@code sockaddr_un} limit);
 * {@link dev.hangar.managed.internal.runtime.OciSpec} builds the {@code config.json} Docker would
 * give a managed plugin ({@code DockerDefaults} holds moby's {@code oci.DefaultSpec},
 * {@code HostDevices} reads device nodes, {@code RootlessSpec} converts for a runtime without
 * privileges, {@code RootlessLimits} refuses the privileges such a runtime cannot give); {@link dev.hangar.managed.internal.runtime.OciRuntime} runs, lists, kills and
 * deletes containers ({@code RuntimeCall} bounds each short call);
 * {@link dev.hangar.managed.internal.runtime.SocketProbe} waits for a plugin's socket to answer.
 */
package dev.hangar.managed.internal.runtime;
