#!/usr/bin/env bash
# Managed-plugin benchmarks, one after the other against one `hangar daemon`, with ratios:
#   (a) enable to the first 200 of POST /VolumeDriver.List on the Go managed plugin's socket
#       (goplugin, static, in a Docker plugin dir), against moby's 500 ms sleep before its first
#       dial; with runc run alone on the daemon's own bundle, alternating, for the floor;
#   (b) SIGKILL of the plugin process to a 200 again;
#   (c) `./hangar plugin ls` against `docker plugin ls` (hyperfine if installed, else a loop), with
#       BENCH_PLUGINS created and BENCH_ENABLED enabled, and what the JVM's start costs of it;
#   (d) the daemon's RSS (VmRSS of /proc/<pid>/status) in that state.
# Everything runs in a temporary dir under /tmp; the daemon is stopped with TERM at the end and
# the script checks that no plugin or runc process of it is left. See bench/README.md, section
# "Managed plugins".
#
# Needs root, runc, the docker CLI, curl, a JDK >= 21, Go and moby's Go sources (GOPATH mode, as
# for bench/run.sh); hyperfine and perf (linux-perf: one enable and one kill traced, to show where
# the daemon's time goes) are optional.
#
# Environment (the defaults take about 2 minutes on 2 cores, build excluded):
#   BENCH_ENABLES   enable cycles for (a)                   (default 10; the first is reported apart)
#   BENCH_KILLS     kills for (b)                           (default 5)
#   BENCH_PLUGINS   plugins created for (c) and (d)         (default 100)
#   BENCH_ENABLED   of them enabled for (c) and (d)         (default 10)
#   BENCH_LS_RUNS   timed runs per command for (c)          (default 10, after 2 warm-up runs)
#   BENCH_DAEMON_JAVA_OPTIONS  JVM options for the daemon alone (as JAVA_TOOL_OPTIONS), e.g. -Xms16m
#   BENCH_PROFILE   0 to skip the enable and the kill traced with `perf trace` (run when perf works)
#   BENCH_OUT       directory for the raw results           (default bench/target/managed-results)
#   BENCH_SKIP_BUILD=1 to reuse what is built (./hangar still rebuilds when stale)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
enables=${BENCH_ENABLES:-10}
kills=${BENCH_KILLS:-5}
plugins=${BENCH_PLUGINS:-100}
enabled=${BENCH_ENABLED:-10}
ls_runs=${BENCH_LS_RUNS:-10}
out=${BENCH_OUT:-$here/target/managed-results}
bin=$here/target/managed

# shellcheck source=../.mvn/find-jdk.sh
. "$repo/.mvn/find-jdk.sh"
hangar_find_jdk
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
fail() { echo "bench: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root (managed plugins run under runc)"
runc=$(command -v runc || true)
[ -n "$runc" ] || fail "needs runc (apt-get install runc)"
command -v docker >/dev/null 2>&1 || fail "needs the docker CLI on the PATH"
command -v curl >/dev/null 2>&1 || fail "needs curl"
command -v go >/dev/null 2>&1 || fail "needs Go (apt-get install golang-go)"
[ -d /usr/share/gocode/src/github.com/docker/go-connections/sockets ] ||
  fail "needs moby's Go sources (apt-get install golang-github-docker-docker-dev)"

mkdir -p "$out" "$bin"
start=$(date +%s)
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # -DskipTests, not the launcher's -Dmaven.test.skip: hangar-core's tests need a test JAR.
  echo "bench: building the CLI (maven) ..." >&2
  (cd "$repo" && ./mvnw -q -B -pl hangar-cli,examples/volume-plugin -am package -DskipTests)
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -x "$bin/goplugin" ] || [ ! -x "$bin/managed" ]; then
  echo "bench: building goplugin (static) and the timing tool (GOPATH mode) ..." >&2
  (cd "$repo/hangar-tests/src/test/go" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= \
    CGO_ENABLED=0 go build -o "$bin/goplugin" ./goplugin)
  (cd "$here/go" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= \
    go build -o "$bin/managed" ./managed)
fi
"$repo/hangar" --version >/dev/null # builds the CLI and its class-data archive when stale

tmp=$(mktemp -d /tmp/hangar-bench-managed.XXXXXX) # under /tmp: socket paths stay < 108 bytes
root=$tmp/root rt=$tmp/rt api=$tmp/root/hangar.sock
export DOCKER_HOST=unix://$api DOCKER_CONFIG=$tmp/docker-config DOCKER_CONTEXT= \
  DOCKER_TLS_VERIFY= DOCKER_CERT_PATH= DOCKER_API_VERSION= DOCKER_CLI_HINTS=false
export HANGAR_ROOT=$tmp/cli # the CLI's own root, empty: no local plugins to discover
mkdir -p "$DOCKER_CONFIG" "$HANGAR_ROOT"
daemon=
raw=$out/cycles.log

# The pids of the runc processes working on this daemon's state dir and of their children (the
# plugins), for the leftover check.
ours() {
  local p c
  for p in /proc/[0-9]*; do
    { c=$(tr '\0' ' ' <"$p/cmdline"); } 2>/dev/null || continue
    case $c in
      *"--root $rt/runc "*|*"--root $tmp/floor/runc "*)
        echo "${p#/proc/}"
        cat "$p/task/"*/children 2>/dev/null | tr ' ' '\n' | sed '/^$/d' || true ;;
    esac
  done
}

cleanup() {
  local rc=$? left pid i
  set +e
  if [ -n "$daemon" ] && kill -0 "$daemon" 2>/dev/null; then
    left=$(ours | sort -u)
    local t0
    t0=$(date +%s%N)
    kill -TERM "$daemon"
    for i in $(seq 1 600); do kill -0 "$daemon" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$daemon" 2>/dev/null; then
      echo "bench: the daemon did not stop within 60 s of TERM; killing it" >&2
      kill -KILL "$daemon"; rc=1
    else
      echo "cleanup: the daemon stopped on TERM in $(( ($(date +%s%N) - t0) / 1000000 )) ms" >&2
    fi
    wait "$daemon" 2>/dev/null
    sleep 0.5
    for pid in $left; do
      if [ -d "/proc/$pid" ]; then
        echo "bench: LEFT after the daemon: $pid $(tr '\0' ' ' <"/proc/$pid/cmdline")" >&2
        kill -KILL "$pid" 2>/dev/null; rc=1
      fi
    done
  fi
  "$runc" --root "$tmp/floor/runc" delete -f hangar-bench-floor >/dev/null 2>&1
  for d in "$rt/runc" "$tmp/floor/runc"; do
    if [ -d "$d" ] && [ -n "$("$runc" --root "$d" list -q 2>/dev/null)" ]; then
      echo "bench: containers LEFT under $d: $("$runc" --root "$d" list -q | tr '\n' ' ')" >&2; rc=1
    fi
  done
  if [ -n "$(ours)" ]; then echo "bench: processes LEFT: $(ours | tr '\n' ' ')" >&2; rc=1; fi
  if grep -q " $tmp" /proc/self/mountinfo; then
    echo "bench: mounts LEFT under $tmp; not removing it" >&2; rc=1
  else
    rm -rf "$tmp"
    if [ $rc = 0 ]; then
      echo "cleanup: no plugin or runc process left, runc list empty, $tmp removed" >&2
    else
      echo "cleanup: $tmp removed; the run FAILED (status $rc; see above and $raw)" >&2
    fi
  fi
  exit $rc
}
trap cleanup EXIT

# The plugin package: goplugin's default test config (hangar-tests' ManagedPackages), as a dir
# and as the tar `docker plugin create` would send.
pkg=$tmp/pkg
mkdir -p "$pkg"/rootfs/{bin,proc,sys,dev,etc,tmp,run/docker/plugins,data}
: >"$pkg/rootfs/etc/hosts"; : >"$pkg/rootfs/etc/resolv.conf"
install -m 0755 "$bin/goplugin" "$pkg/rootfs/bin/goplugin"
cat >"$pkg/config.json" <<'JSON'
{"Description": "Hangar's Go test volume plugin",
 "Documentation": "https://example.invalid/hangar/goplugin",
 "Interface": {"Types": ["docker.volumedriver/1.0"], "Socket": "gp.sock"},
 "Entrypoint": ["/bin/goplugin"], "WorkDir": "", "Network": {"Type": ""}, "Mounts": [],
 "Env": [{"Name": "DEBUG", "Description": "", "Settable": ["value"], "Value": "0"}],
 "Args": {"Name": "", "Description": "", "Settable": null, "Value": null}}
JSON
tar -C "$pkg" -cf "$tmp/pkg.tar" config.json rootfs

call() { # METHOD PATH [curl args...]: the API, failing on a status >= 300
  local m=$1 p=$2; shift 2
  curl -sS --fail-with-body --unix-socket "$api" -X "$m" "$@" "http://api.moby.localhost/v1.41$p"
}
create() { call POST "/plugins/create?name=$1" -H 'Content-Type: application/x-tar' --data-binary "@$tmp/pkg.tar"; }
rss() { awk '$1 == "VmRSS:" { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
hwm() { awk '$1 == "VmHWM:" { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

{
  echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), $("$runc" --version | head -n 1), $(docker --version)"
  echo "load average before: $(load)${BENCH_DAEMON_JAVA_OPTIONS:+; daemon JVM options: $BENCH_DAEMON_JAVA_OPTIONS}"
} | tee -a "$out/summary.txt"
echo "bench: starting hangar daemon on $root" >&2
t0=$(date +%s%N)
JAVA_TOOL_OPTIONS=${BENCH_DAEMON_JAVA_OPTIONS:-${JAVA_TOOL_OPTIONS:-}} \
  "$repo/hangar" daemon --root "$root" --host "unix://$api" --runtime-dir "$rt" \
  </dev/null >"$out/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 1 1800); do
  [ "$(curl -s --unix-socket "$api" http://api.moby.localhost/_ping 2>/dev/null)" = OK ] && break
  kill -0 "$daemon" 2>/dev/null || { cat "$out/daemon.log" >&2; fail "the daemon exited"; }
  sleep 0.1
done
[ "$(curl -s --unix-socket "$api" http://api.moby.localhost/_ping)" = OK ] || fail "no ping within 180 s"
echo "daemon: first ping $(( ($(date +%s%N) - t0) / 1000000 )) ms after the start; RSS $(rss "$daemon") MiB with no plugin" |
  tee -a "$out/summary.txt"

create gp
id=$(docker plugin inspect -f '{{.Id}}' gp)
common=(-api "$api" -name gp -id "$id" -socket "$rt/${id:0:12}/gp.sock" -root "$root"
  -state "$rt/runc" -runc "$runc")
echo "== $(date -u +%T) load $(load)" >>"$raw"

echo "bench (a): $enables enable cycles of gp, with runc run alone in between; load $(load)" >&2
"$bin/managed" enable "${common[@]}" -n "$enables" -floor "$tmp/floor" 2>>"$raw" | tee -a "$out/summary.txt"
echo "bench (b): $kills kills of gp's process; load $(load)" >&2
"$bin/managed" restart "${common[@]}" -n "$kills" 2>>"$raw" | tee -a "$out/summary.txt"

if [ "${BENCH_PROFILE:-1}" = 1 ] && command -v perf >/dev/null 2>&1 &&
  perf trace -e connect -- true >/dev/null 2>&1; then
  echo "bench: one enable and one kill of gp under perf trace; load $(load)" >&2
  rm -f "$out"/perf-*.txt*
  for what in enable restart; do
    "$bin/managed" profile "${common[@]}" -what "$what" -daemon "$daemon" \
      -raw "$out/perf-$what.txt" 2>>"$raw" | tee -a "$out/summary.txt"
  done
fi

echo "bench: creating $((plugins - 1)) more plugins, enabling $((enabled - 1)) more; load $(load)" >&2
for i in $(seq 1 $((plugins - 1))); do create "$(printf 'p%03d' "$i")"; done
for i in $(seq 1 $((enabled - 1))); do call POST "/plugins/$(printf 'p%03d' "$i")/enable?timeout=30"; done
[ "$(docker plugin ls -q | wc -l)" = "$plugins" ] || fail "docker plugin ls does not list $plugins plugins"
[ "$(docker plugin ls -q --filter enabled=true | wc -l)" = "$enabled" ] || fail "not $enabled enabled"
[ "$("$repo/hangar" --host "unix://$api" plugin ls | grep -c ' managed ')" = "$plugins" ] ||
  fail "./hangar plugin ls does not list $plugins managed plugins"
sleep 2
rss_d=$(rss "$daemon") hwm_d=$(hwm "$daemon")
runc_kib=0 plugin_kib=0 n_runc=0 n_plugin=0
for p in $(ours); do
  kib=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
  { c=$(tr '\0' ' ' <"/proc/$p/cmdline"); } 2>/dev/null || continue
  case $c in
    *runc*) runc_kib=$((runc_kib + kib)); n_runc=$((n_runc + 1)) ;;
    *) plugin_kib=$((plugin_kib + kib)); n_plugin=$((n_plugin + 1)) ;;
  esac
done
"$JAVA_HOME/bin/jcmd" "$daemon" GC.heap_info >"$out/heap.txt" 2>&1 || true
heap=$(awk '/^ *[A-Za-z]+ +total [0-9]+K, used [0-9]+K/ { gsub(/[K,]/, ""); t += $3; u += $5 }
  END { if (t) printf "heap %.0f MiB used of %.0f MiB committed", u / 1024, t / 1024; else printf "heap ?" }' "$out/heap.txt")

# (c) The commands: the launcher's own java command line for `plugin ls`, as it prints it.
mapfile -d '' -t largs < <(HANGAR_PRINT_JAVA=1 "$repo/hangar" plugin ls)
jvm=()
for ((i = 0; i < ${#largs[@]}; i++)); do
  jvm+=("${largs[i]}")
  if [ "${largs[i]}" = -jar ]; then jvm+=("${largs[i + 1]}"); break; fi
done
nocds=()
for a in "${jvm[@]}"; do
  case $a in -XX:SharedArchiveFile=* | -XX:AOTCache=*) ;; *) nocds+=("$a") ;; esac
done
[ "${#jvm[@]}" -gt 2 ] && [ "${jvm[${#jvm[@]} - 2]}" = -jar ] || fail "no java -jar command line from HANGAR_PRINT_JAVA=1 ./hangar"
# A class-data archive trained on this very command (the launcher's own is trained on it too,
# against a daemon with one plugin), and on JDK 25 and later an AOT cache trained on it.
host=unix://$api
"${nocds[0]}" -XX:ArchiveClassesAtExit="$tmp/ls.jsa" "${nocds[@]:1}" --host "$host" plugin ls \
  >/dev/null 2>"$out/ls-archive.log" || true
"${nocds[0]}" -XX:AOTCacheOutput="$tmp/ls.aot" "${nocds[@]:1}" --host "$host" plugin ls \
  >/dev/null 2>>"$out/ls-archive.log" || true
# The floors: a JVM that prints one line, and the docker CLI that prints its version.
mkdir -p "$tmp/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' \
  >"$tmp/hello/Hello.java"
"$JAVA_HOME/bin/javac" -d "$tmp/hello" "$tmp/hello/Hello.java"
"$JAVA_HOME/bin/jar" cf "$tmp/hello.jar" -C "$tmp/hello" Hello.class
names=(docker hangar java java-no-appcds java-ls-appcds)
cmds=("docker plugin ls" "$repo/hangar --host $host plugin ls" "${jvm[*]} --host $host plugin ls"
  "${nocds[*]} --host $host plugin ls"
  "${nocds[0]} -XX:SharedArchiveFile=$tmp/ls.jsa ${nocds[*]:1} --host $host plugin ls")
if [ -s "$tmp/ls.aot" ]; then
  names+=(java-ls-aot)
  cmds+=("${nocds[0]} -XX:AOTCache=$tmp/ls.aot ${nocds[*]:1} --host $host plugin ls")
fi
names+=(java-version jvm-hello docker-version curl curl-hangar)
cmds+=("${jvm[*]} --version"
  "${nocds[0]} -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp $tmp/hello.jar Hello"
  "docker --version"
  "curl -sS -o /dev/null --unix-socket $api http://api.moby.localhost/v1.41/plugins"
  "curl -sS -o /dev/null --unix-socket $api http://api.moby.localhost/hangar/v1/plugins")
csv=$out/ls.csv
echo "bench (c): ${#cmds[@]} commands, $ls_runs runs each after 2 warm-up runs; load $(load)" >&2
if command -v hyperfine >/dev/null 2>&1; then
  hargs=()
  for i in "${!cmds[@]}"; do hargs+=(-n "${names[i]}" "${cmds[i]}"); done
  hyperfine -N --style basic --warmup 2 --runs "$ls_runs" --export-csv "$csv" "${hargs[@]}" \
    >"$out/hyperfine.txt" 2>&1 || { cat "$out/hyperfine.txt" >&2; fail "hyperfine failed"; }
  tool="hyperfine $(hyperfine --version | cut -d' ' -f2)"
else
  # The same CSV as hyperfine's (seconds): command,mean,stddev,median,user,system,min,max
  echo "command,mean,stddev,median,user,system,min,max" >"$csv"
  for i in "${!cmds[@]}"; do
    read -r -a argv <<<"${cmds[i]}"
    for _ in 1 2; do "${argv[@]}" >/dev/null; done
    for _ in $(seq 1 "$ls_runs"); do
      s=$(date +%s%N); "${argv[@]}" >/dev/null; echo $(( $(date +%s%N) - s ))
    done | sort -n | awk -v n="${names[i]}" '{ v[NR] = $1 / 1e9; sum += v[NR] }
      END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%s,%f,0,%f,0,0,%f,%f\n", n, sum / NR, m, v[1], v[NR] }' >>"$csv"
  done
  tool="a shell loop (no CPU times)"
fi
awk -F, -v tool="$tool" -v runs="$ls_runs" 'NR > 1 { mean[$1] = $2 * 1000; med[$1] = $4 * 1000
    cpu[$1] = ($5 + $6) * 1000; lo[$1] = $7 * 1000; hi[$1] = $8 * 1000 }
  function row(n, what) { if (n in med) printf "(c) %-15s %5.0f ms (%.0f-%.0f, mean %.0f), cpu %4.0f ms  %s\n",
      n, med[n], lo[n], hi[n], mean[n], cpu[n], what }
  END {
    r = med["hangar"] / med["docker"]
    printf "(c) plugin ls, %s, %d runs each; wall median in ms (min-max, mean), user+sys cpu mean:\n", tool, runs
    row("docker", "docker plugin ls")
    row("hangar", sprintf("./hangar plugin ls: ratio to docker %.2f (target <= 1.5: %s)", r, r <= 1.5 ? "met" : "MISSED"))
    row("java", "the launcher'"'"'s java command run directly (no bash, no staleness find)")
    row("java-no-appcds", "the same without the launcher'"'"'s class data (AOT cache or archive)")
    row("java-ls-appcds", "the same with a dynamic archive trained on this command")
    row("java-ls-aot", "the same with a JDK AOT cache trained on this command")
    row("java-version", "the launcher'"'"'s java command, --version: JVM and picocli, no request")
    row("jvm-hello", sprintf("a JVM printing one line, the launcher'"'"'s flags: the floor; ratio to docker %.2f", med["jvm-hello"] / med["docker"]))
    row("docker-version", "docker --version: the docker CLI'"'"'s own start")
    row("curl", "curl GET /v1.41/plugins: what docker plugin ls asks")
    row("curl-hangar", "curl GET /hangar/v1/plugins: what hangar plugin ls asks")
  }' "$csv" | tee -a "$out/summary.txt"

# One more run with class loading logged: when the phases begin, by the first class each loads.
rm -f "$out"/ls-classes.log*
t0=$(date +%s%N)
"${jvm[0]}" -Xlog:class+load:file="$out/ls-classes.log":uptime "${jvm[@]:1}" --host "$host" plugin ls >/dev/null
wall=$(( ($(date +%s%N) - t0) / 1000000 ))
awk -v wall="$wall" 'function at(c) { return (c in t) ? sprintf("%.0f", t[c] * 1000) : "?" }
  { u = substr($1, 2) + 0; if (!($2 in t)) t[$2] = u; last = u; n++; if ($0 ~ /shared objects file/) shared++ }
  END { printf "(c) one ./hangar plugin ls, class loading logged (ms of JVM uptime): main %s, first daemon client class %s, reply read %s, Jackson ObjectMapper %s, table %s, last class %.0f; wall %d ms; %d classes, %d from the archives\n",
      at("dev.hangar.cli.Main"), at("dev.hangar.daemon.client.EngineClient"), at("dev.hangar.daemon.client.Reply"),
      at("com.fasterxml.jackson.databind.ObjectMapper"), at("dev.hangar.cli.PluginTable"), last * 1000, wall, n, shared }' \
  "$out/ls-classes.log" | tee -a "$out/summary.txt"

# Where a run's CPU goes, by JFR's execution samples of 5 runs (every Java thread, 10 ms period),
# each sample counted once, under the first of these that is on its stack.
if [ "${BENCH_PROFILE:-1}" = 1 ] && [ -x "$JAVA_HOME/bin/jfr" ]; then
  for i in 1 2 3 4 5; do
    "${jvm[0]}" -XX:StartFlightRecording=filename="$tmp/ls-$i.jfr",settings=profile -Xlog:jfr=off \
      "${jvm[@]:1}" --host "$host" plugin ls >/dev/null 2>&1
    "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 200 "$tmp/ls-$i.jfr"
  done >"$out/ls-jfr.txt"
  awk 'function flush() { if (!insample) return; n++; c = "other"
         if (st ~ /\njdk\.jfr\./) c = "JFR itself"
         else if (st ~ /\npicocli\.CommandLine\.<init>/) c = "picocli command model"
         else if (st ~ /\ncom\.fasterxml\.jackson\./) c = "Jackson"
         else if (st ~ /\ndev\.hangar\.daemon\.client\./) c = "daemon client"
         else if (st ~ /\ndev\.hangar\.(PluginHost|DiscoveryDirs|cli\.HostFactory)/) c = "local discovery"
         else if (st ~ /\npicocli\./) c = "picocli parse and run"
         else if (st ~ /\ndev\.hangar\.cli\.PluginTable/) c = "table"
         k[c]++; if (st ~ /\njava\.lang\.ClassLoader\.loadClass/) cl++; insample = 0 }
       /^jdk\.ExecutionSample/ { flush(); insample = 1; st = "" }
       insample && /^    [^ ]/ { sub(/^ +/, ""); st = st "\n" $0 }
       END { flush(); printf "(c) JFR samples of 5 ./hangar plugin ls runs (%d): ", n
             m = split("picocli command model,picocli parse and run,local discovery,daemon client,Jackson,table,JFR itself,other", o, ",")
             for (i = 1; i <= m; i++) if (o[i] in k) printf "%s %.0f%%, ", o[i], 100 * k[o[i]] / n
             printf "(class loading on the stack: %.0f%%)\n", 100 * cl / n }' "$out/ls-jfr.txt" |
    tee -a "$out/summary.txt"
fi

rss_after=$(rss "$daemon")
printf '(d) daemon RSS with %d plugins created and %d enabled: %d MiB (VmHWM %d MiB; %s; %d MiB after (c)); besides it %d runc run parents %d MiB, %d plugin processes %d MiB\n' \
  "$plugins" "$enabled" "$rss_d" "$hwm_d" "$heap" "$rss_after" "$n_runc" $((runc_kib / 1024)) \
  "$n_plugin" $((plugin_kib / 1024)) | tee -a "$out/summary.txt"
echo "load average at the end: $(load)" | tee -a "$out/summary.txt"
echo "bench: raw results in $out; took $(( $(date +%s) - start )) s" >&2
