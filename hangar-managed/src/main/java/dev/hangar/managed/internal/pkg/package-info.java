/**
 * Importing Docker plugin packages safely: {@link
 * dev.hangar.managed.internal.pkg.PackageImporter}. Not API.
 *
 * <p>A package is {@code config.json} (a regular file, at most 1 MiB) and {@code rootfs/} (a
 * directory) at its top; anything else at the top is ignored and never extracted. Messages use
 * Docker's words where Docker has some ({@code config not found}, {@code no rootfs found}) and
 * always name the tar entry or file, e.g. {@code tar entry "rootfs/../../etc/x": path escapes the
 * package (".." is not allowed)}. Refused (PACKAGE_INVALID), where Docker would extract:
 *
 * <ul>
 *   <li>entry names with a {@code ..} component, absolute names, names with NUL, names or link
 *       targets longer than 4096 bytes;
 *   <li>symlinks whose target climbs above the rootfs root, lexically or through the other
 *       links of the rootfs (absolute targets are fine: they mean the container's root);
 *   <li>any entry under a component that is a symlink or a file (nothing is ever followed);
 *   <li>hard links to anything but a regular file extracted earlier inside rootfs/;
 *   <li>char and block devices, and FIFOs (and sockets, from a directory): a plugin image has no
 *       need of them, a FIFO blocks whoever opens it, and devices come from the plugin config;
 *   <li>a directory replacing a file or link, or the reverse (a file or link replacing an
 *       earlier file or link is allowed, as in tar);
 *   <li>a rootfs whose regular files hold more than the given bytes, counted as written;
 *       more than 1,000,000 entries; a truncated or corrupt tar or gzip.
 * </ul>
 *
 * <p>Kept: permission bits, modification times of files and directories; as root also uid/gid
 * and the setuid/setgid bits. Tar user and group names are ignored (numeric ids only, as moby).
 */
package dev.hangar.managed.internal.pkg;
