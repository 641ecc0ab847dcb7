#!/bin/sh
# Builds a Docker managed plugin package: OUT/config.json and OUT/rootfs/, a root file system
# holding a jlinked Java runtime at /opt/java, the plugin's JAR at /plugin/<jar name>, the host's
# shared libraries that runtime needs (found with ldd, copied to the same paths) and the empty
# files and directories a container needs. `docker plugin create NAME OUT` takes the result.
#
# Usage: build-rootfs.sh JDK JAR CONFIG MODULES OUT
#   JDK      the JDK whose jlink builds the runtime (Maven passes ${java.home})
#   JAR      the plugin's runnable JAR
#   CONFIG   the package's config.json
#   MODULES  the runtime's modules, comma-separated (jdeps --print-module-deps tells)
#   OUT      the package directory to write
#
# Idempotent: each run assembles a fresh package in a temporary directory beside OUT and then
# renames it into place, so OUT is always whole. jlink is the slow step (seconds): its output is
# kept in OUT.jlink/ and reused while the JDK, the modules and the options stay the same.
set -eu

if [ "$#" -ne 5 ]; then
  echo "usage: build-rootfs.sh JDK JAR CONFIG MODULES OUT" >&2
  exit 2
fi
jdk=$1 jar=$2 config=$3 modules=$4 out=$5

fail() {
  echo "build-rootfs.sh: $*" >&2
  exit 1
}

[ -x "$jdk/bin/jlink" ] || fail "no jlink in $jdk/bin (a JDK is needed, not a JRE)"
[ -f "$jar" ] || fail "no JAR at $jar"
[ -f "$config" ] || fail "no config.json at $config"
command -v ldd >/dev/null 2>&1 || fail "ldd not found: packaging needs Linux with glibc's ldd"
case $out in
  /*) ;;
  *) out=$(pwd)/$out ;;
esac

jlink_options="--strip-debug --no-header-files --no-man-pages"
cache=$out.jlink
stamp=$(printf 'jdk %s\nmodules %s\noptions %s\n' "$jdk" "$modules" "$jlink_options"
  cat "$jdk/release" 2>/dev/null || true)

if [ -d "$cache/java" ] && [ -f "$cache/stamp" ] && [ "$(cat "$cache/stamp")" = "$stamp" ]; then
  echo "build-rootfs.sh: reusing the runtime in $cache/java ($modules)"
else
  echo "build-rootfs.sh: jlink $modules"
  rm -rf "$cache"
  mkdir -p "$cache"
  # jlink's own JVM with C1 only and the serial collector: less than half the CPU time, the
  # same output. $jlink_options is unquoted on purpose: it is several words.
  "$jdk/bin/jlink" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC \
    --add-modules "$modules" $jlink_options --output "$cache/java"
  printf '%s\n' "$stamp" >"$cache/stamp"
fi

work=$(dirname "$out")/.$(basename "$out").tmp.$$
trap 'rm -rf "$work"' EXIT
trap 'rm -rf "$work"; exit 130' INT
trap 'rm -rf "$work"; exit 143' TERM
rm -rf "$work"
root=$work/rootfs
mkdir -p "$root/opt" "$root/plugin" "$root/etc" "$root/proc" "$root/sys" "$root/dev" \
  "$root/run/docker/plugins" "$root/data" "$root/tmp"
chmod 1777 "$root/tmp"
: >"$root/etc/hosts"
: >"$root/etc/resolv.conf"
cp -R -P -p "$cache/java" "$root/opt/java"
cp "$jar" "$root/plugin/$(basename "$jar")"
cp "$config" "$work/config.json"

# The host's libraries the runtime links against, under the same paths, dereferenced: ldd
# prints "name => /path (addr)" for a resolved library and "/path (addr)" for the loader.
libs=$work/libs
find "$root/opt/java" -type f \( -path '*/bin/*' -o -name '*.so' \) | while read -r elf; do
  ldd "$elf" 2>/dev/null || true
done | awk '
  $2 == "=>" && $3 ~ /^\// { print $3; next }
  $2 == "=>" && $3 == "not" { print "missing " $1; next }
  $1 ~ /^\// { print $1 }' | sort -u >"$libs"
while read -r lib; do
  case $lib in
    "missing "*)
      # The JDK's own libraries (libjvm.so) resolve only at run time, through libjli.
      name=${lib#missing }
      [ -n "$(find "$root/opt/java" -name "$name" -print)" ] ||
        fail "ldd: $name not found on this host"
      ;;
    "$root"/*) ;;
    *)
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
      ;;
  esac
done <"$libs"
rm -f "$libs"
[ -n "$(find "$root" -name 'libc.so*' -print)" ] || fail "ldd found no libc for $root/opt/java"

if [ -e "$out" ]; then
  mv "$out" "$work.old"
fi
mv "$work" "$out"
rm -rf "$work.old"
echo "build-rootfs.sh: wrote $out ($(du -sk "$out" | cut -f1) KiB)"
