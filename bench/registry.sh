#!/usr/bin/env bash
# Registry transfers (issue #10 section 8): pull and push of a ~200 MiB Docker plugin image on
# Debian's docker-registry over loopback, Hangar against skopeo (Debian's) side by side, the two
# sides interleaved in every repetition, with ratios (skopeo's time / Hangar's: > 1 means
# Hangar is faster). See bench/README.md, section "Registry transfers".
#
#   pull   skopeo copy docker://SRC/bench/big:1 dir:D   fetch, verify, fsync; no unpacking
#          ./hangar plugin install --disable             CLI -> daemon: fetch, verify, fsync,
#                                                        unpack into a rootfs, commit
#          docker plugin install --disable               the stock docker CLI -> Hangar's daemon:
#                                                        the same install, no JVM to start
#          library fetch (PullDriver fetch)              RegistryClient into a BlobStore: what
#                                                        skopeo does (fetch, verify, fsync)
#          library install (PullDriver install)          ManagedPlugins.pull: the daemon's work
#          The library side runs in a fresh JVM that does it twice: cold (the JVM's first pull,
#          reported apart) and warm (the one measured, as an application that has pulled before).
#   push   skopeo copy dir:D docker://NEW/skopeo/big:1   HEAD, upload, manifest
#          ./hangar plugin push NEW/bench/big:1          CLI -> daemon: the same requests
#          docker plugin push DOCK/bench/big:1           the stock docker CLI -> Hangar's daemon:
#                                                        the same push, no JVM to start
#          Each push goes to a registry started for it (empty storage, a port of its own), so
#          that no side can mount the blob or find it present.
#
# Needs /usr/bin/docker-registry, skopeo, the docker CLI (client only), a JDK >= 21; not root
# (nothing runs under runc).
#
# Environment:
#   BENCH_REPS   repetitions (default 3); each runs every command above once
#   BENCH_MIB    size of the plugin's random rootfs file in MiB (default 200)
#   BENCH_OUT    directory for the raw results (default bench/target/registry-results)
#   BENCH_SKIP_BUILD=1 to reuse what is built (./hangar still rebuilds when stale)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
reps=${BENCH_REPS:-3}
mib=${BENCH_MIB:-200}
out=${BENCH_OUT:-$here/target/registry-results}

# shellcheck source=../.mvn/find-jdk.sh
. "$repo/.mvn/find-jdk.sh"
hangar_find_jdk
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
fail() { echo "bench: $*" >&2; exit 1; }
now() { date +%s.%N; }

[ -x /usr/bin/docker-registry ] || fail "needs Debian's docker-registry (apt-get install docker-registry)"
command -v skopeo >/dev/null 2>&1 || fail "needs skopeo (apt-get install skopeo)"
command -v docker >/dev/null 2>&1 || fail "needs the docker CLI (client only)"

mkdir -p "$out"
start=$(date +%s)
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "bench: building (bench, the CLI) ..." >&2
  (cd "$repo" && ./mvnw -q -B -pl bench,hangar-cli,examples/volume-plugin -am package -DskipTests)
fi
"$repo/hangar" --version >/dev/null # builds the CLI and its class-data cache when stale
jar=$here/target/benchmarks.jar
# The library side runs with the daemon's JVM flags (./hangar daemon's, see the launcher).
driver=("$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xss1m -Djdk.httpclient.bufsize=262144 -cp "$jar"
  dev.hangar.bench.registry.PullDriver)

tmp=$(mktemp -d /tmp/hangar-bench-registry.XXXXXX) # under /tmp: socket paths stay < 108 bytes
registries=() daemon=
cleanup() {
  local rc=$? p
  set +e
  if [ -n "$daemon" ]; then kill -TERM "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null; fi
  for p in "${registries[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT

# registry NAME: starts a docker-registry with its storage in $tmp/NAME on a free loopback
# port; sets $addr to its 127.0.0.1:PORT (the port it reports: none is guessed).
registry() {
  local d=$tmp/$1 i
  mkdir -p "$d/storage"
  printf 'version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:0\n' \
    "$d/storage" >"$d/config.yml"
  /usr/bin/docker-registry serve "$d/config.yml" >"$d/log" 2>&1 &
  registries+=($!)
  addr=
  for i in $(seq 1 100); do
    addr=$(grep -ao 'listening on 127\.0\.0\.1:[0-9]*' "$d/log" | head -n 1 | cut -d' ' -f3 || true)
    [ -n "$addr" ] && return 0
    sleep 0.05
  done
  cat "$d/log" >&2
  fail "docker-registry $1 did not start"
}
stop_last_registry() {
  local p=${registries[-1]}
  kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true
  unset 'registries[-1]'
}

# The plugin package: config.json and a rootfs with one file of random bytes (gzip stores it
# as it is, about as large, so the layer is MiB for MiB the file).
pkg=$tmp/pkg
mkdir -p "$pkg/rootfs/bin"
head -c "$((mib * 1024 * 1024))" /dev/urandom >"$pkg/rootfs/bin/plugin"
printf '%s\n' '{"Description": "registry benchmark", "Entrypoint": ["/bin/plugin"],' \
  ' "Interface": {"Types": ["docker.volumedriver/1.0"], "Socket": "b.sock"}}' >"$pkg/config.json"

export HANGAR_ROOT=$tmp/cli DOCKER_CONFIG=$tmp/docker-config # no local plugins, no credentials
mkdir -p "$HANGAR_ROOT" "$DOCKER_CONFIG"
api=$tmp/hangar.sock
hangar=("$repo/hangar" --host "unix://$api")
dockercli=(docker --host "unix://$api")
echo "bench: starting hangar daemon on $tmp/root" >&2
"$repo/hangar" daemon --root "$tmp/root" --host "unix://$api" --runtime-dir "$tmp/rt" \
  </dev/null >"$out/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 1 600); do
  "${hangar[@]}" plugin ls >/dev/null 2>&1 && break
  kill -0 "$daemon" 2>/dev/null || { cat "$out/daemon.log" >&2; fail "the daemon exited"; }
  sleep 0.1
done

registry src
src=$addr
{
  echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), $(skopeo --version), docker-registry $(/usr/bin/docker-registry --version 2>&1 | awk '{ print $NF }')"
  echo "image: $src/bench/big:1, one layer of $(stat -c %s "$pkg/rootfs/bin/plugin") random bytes; load average before: $(load)"
} | tee "$out/summary.txt"

# The image, pushed once: created from the package, then pushed (the first push gzips the
# rootfs: Hangar's layer as `docker plugin push` makes it); then removed, blobs and all, so that
# every install below downloads.
"${hangar[@]}" plugin create "$src/bench/big:1" "$pkg" >/dev/null
sync
t0=$(now)
"${hangar[@]}" plugin push "$src/bench/big:1" >"$out/first-push.log"
t1=$(now)
printf 'first push of the created plugin (gzip of the rootfs included, no skopeo counterpart): %.2f s; load %s\n' \
  "$(echo "$t1 - $t0" | bc)" "$(load)" | tee -a "$out/summary.txt"
"${hangar[@]}" plugin rm "$src/bench/big:1" >/dev/null
layer=$(skopeo inspect --tls-verify=false --raw "docker://$src/bench/big:1" | grep -o 'sha256:[0-9a-f]*' | tail -n 1)

raw=$out/times.txt
: >"$raw"
# timed REP NAME COMMAND...: runs it after a sync (no side inherits the other's dirty pages),
# appends "REP NAME SECONDS load=L" to times.txt. The lib-* commands print their own seconds,
# of the warm run and of the cold one (recorded as NAME-cold).
timed() {
  local rep=$1 name=$2 t0 t1 s o; shift 2
  sync
  t0=$(now)
  o=$("$@" </dev/null 2>"$tmp/err") || { cat "$tmp/err" >&2; echo "$o" >&2; fail "$name failed: $*"; }
  t1=$(now)
  case $name in
    lib-*) s=$(sed -n 's/^seconds //p' <<<"$o")
      echo "$rep $name-cold $(sed -n 's/^cold //p' <<<"$o") load=$(cut -d' ' -f1 /proc/loadavg)" >>"$raw" ;;
    *) s=$(echo "$t1 - $t0" | bc) ;;
  esac
  echo "$rep $name $s load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$raw" >&2
}

# pushed NAME: checks that registry NAME holds the layer, then deletes its storage, so the
# push after it starts from the state this one did. Kept until the end of the repetition, the
# 200 MiB the first push wrote made the second one 0.2 to 0.4 s slower on this VM, whichever
# side it was (measured; not explained further), so every ratio said more about the order
# than about the two sides.
pushed() {
  [ -n "$(find "$tmp/$1/storage" -path "*${layer#sha256:}/data" -size +1M)" ] || fail "$1 lacks the layer"
  rm -rf "$tmp/$1/storage/docker"
}

for i in $(seq 1 "$reps"); do
  echo "bench: repetition $i of $reps; load $(load)" >&2
  registry "push-skopeo-$i"; to_skopeo=$addr
  registry "push-hangar-$i"; to_hangar=$addr
  registry "push-docker-$i"; to_docker=$addr
  pull_skopeo() { timed "$i" skopeo-pull skopeo copy -q --src-tls-verify=false \
    "docker://$src/bench/big:1" "dir:$tmp/skopeo-$i"; }
  pull_hangar() { timed "$i" hangar-install "${hangar[@]}" plugin install --grant-all-permissions \
    --disable --alias "$to_hangar/bench/big:1" "$src/bench/big:1"; }
  push_skopeo() { timed "$i" skopeo-push skopeo copy -q --dest-tls-verify=false \
    "dir:$tmp/skopeo-$i" "docker://$to_skopeo/skopeo/big:1"; pushed "push-skopeo-$i"; }
  push_hangar() { timed "$i" hangar-push "${hangar[@]}" plugin push "$to_hangar/bench/big:1"
    pushed "push-hangar-$i"; }
  push_docker() { timed "$i" docker-push "${dockercli[@]}" plugin push "$to_docker/bench/big:1"
    pushed "push-docker-$i"; }
  # docker plugin install through the daemon; removed at once (not timed), blobs and all, so
  # that Hangar's install downloads too.
  pull_docker() { timed "$i" docker-install "${dockercli[@]}" plugin install \
    --grant-all-permissions --disable --alias "$to_docker/bench/big:1" "$src/bench/big:1"
    "${hangar[@]}" plugin rm "$to_docker/bench/big:1" >/dev/null; }
  # The pulls in turns; docker's goes before Hangar's, whose blobs would otherwise be there.
  case $((i % 3)) in
    1) pull_skopeo; pull_docker; pull_hangar ;;
    2) pull_docker; pull_hangar; pull_skopeo ;;
    0) pull_docker; pull_skopeo; pull_hangar ;;
  esac
  # The docker CLI's push needs a plugin named after its registry: the same image under a
  # second name, its blobs already in the store (not timed).
  "${hangar[@]}" plugin install --grant-all-permissions --disable --alias "$to_docker/bench/big:1" \
    "$src/bench/big:1" >/dev/null
  timed "$i" lib-fetch "${driver[@]}" fetch "$src/bench/big:1" "$tmp/lib-fetch-$i"
  timed "$i" lib-install "${driver[@]}" install "$src/bench/big:1" "$tmp/lib-root-$i" "lib$i"
  # The three pushes in turns: each goes first in one repetition of three.
  case $((i % 3)) in
    1) push_skopeo; push_hangar; push_docker ;;
    2) push_hangar; push_docker; push_skopeo ;;
    0) push_docker; push_skopeo; push_hangar ;;
  esac
  # Both sides stored the same bytes, and both registries hold the layer.
  for f in "$tmp/skopeo-$i/${layer#sha256:}" "$tmp/lib-fetch-$i/sha256/${layer#sha256:}"; do
    [ "sha256:$(sha256sum "$f" | cut -d' ' -f1)" = "$layer" ] || fail "$f is not the layer"
  done
  "${hangar[@]}" plugin rm "$to_hangar/bench/big:1" "$to_docker/bench/big:1" >/dev/null # blobs too
  rm -rf "$tmp/skopeo-$i" "$tmp/lib-fetch-$i" "$tmp/lib-fetch-$i-warm" "$tmp/lib-root-$i"
  stop_last_registry; stop_last_registry; stop_last_registry
done

bytes=$(stat -c %s "$tmp/src/storage/docker/registry/v2/blobs/sha256/${layer:7:2}/${layer#sha256:}/data")
awk -v mib="$(echo "$bytes / 1048576" | bc -l)" '
  { t[$1, $2] = $3; if ($1 + 0 > nrep) nrep = $1 + 0 }
  function row(what, a, b, note,   r, lo, hi, x, line) {
    lo = 1e9; hi = 0; line = ""
    for (r = 1; r <= nrep; r++) {
      x = t[r, a] / t[r, b]; if (x < lo) lo = x; if (x > hi) hi = x
      line = line sprintf("  #%d %.2f s vs %.2f s = %.2f", r, t[r, a], t[r, b], x)
    }
    printf "%-42s ratio min %.2f max %.2f (%s)\n   %s\n", what, lo, hi, note, line
  }
  END {
    printf "per repetition: skopeo s vs hangar s = skopeo/hangar (> 1: Hangar faster); layer %.0f MiB\n", mib
    row("pull: skopeo to dir vs hangar plugin install", "skopeo-pull", "hangar-install",
      "unfair to Hangar: install also unpacks and commits; wall, CLI start included")
    row("pull: skopeo to dir vs docker plugin install", "skopeo-pull", "docker-install",
      "the same install through Hangar'"'"'s daemon, sent by the stock docker CLI; wall")
    row("pull: skopeo to dir vs library fetch", "skopeo-pull", "lib-fetch",
      "fair: both fetch, verify, fsync, no unpacking; library in-process time")
    row("pull: skopeo to dir vs library install", "skopeo-pull", "lib-install",
      "ManagedPlugins.pull: the daemon'"'"'s work, unpacking included")
    row("pull: skopeo vs library fetch, cold JVM", "skopeo-pull", "lib-fetch-cold",
      "the JVM'"'"'s first pull: the JIT not yet at work")
    row("pull: skopeo vs library install, cold JVM", "skopeo-pull", "lib-install-cold",
      "the same, opening the root included")
    row("push: skopeo from dir vs hangar plugin push", "skopeo-push", "hangar-push",
      "fair: both upload the stored gzipped layer to an empty registry; wall")
    row("push: skopeo from dir vs docker plugin push", "skopeo-push", "docker-push",
      "the same push through Hangar'"'"'s daemon, sent by the stock docker CLI; wall")
  }' "$raw" | tee -a "$out/summary.txt"
awk -v b="$bytes" '$2 !~ /-cold$/ { s[$2] = s[$2] " " sprintf("%.0f", b / 1048576 / $3) }
  END { printf "MiB/s per repetition:"; for (k in s) printf " %s%s;", k, s[k]; print "" }' "$raw" |
  tee -a "$out/summary.txt"
echo "load average at the end: $(load)" | tee -a "$out/summary.txt"
echo "bench: raw results in $out; took $(( $(date +%s) - start )) s" >&2
