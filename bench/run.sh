#!/usr/bin/env bash
# Runs Hangar's call round-trip benchmark (JMH) and the Go anchor on this machine, each server in
# a process of its own as a plugin is, three times, then prints the tables and the spread of every
# Hangar/Go ratio over the runs. See bench/README.md.
#
# Environment (defaults give a run of about 10 minutes after the build):
#   BENCH_RUNS     runs                          (default 3; a target is met when every run meets it)
#   BENCH_WARMUP   JMH warm-up seconds per case  (default 8: on 2 cores the JIT needs that long)
#   BENCH_GO_WARMUP  the anchor's warm-up seconds per case (default 2)
#   BENCH_SECONDS  measured seconds per case     (default 3)
#   BENCH_OUT      directory for the raw results (default bench/target/results)
#   BENCH_SKIP_BUILD=1 to reuse what is built
#   BENCH_CROSS=1  also the Hangar client against the Go server (the clients on the same server)
#   BENCH_INPROCESS=1  also client and server in one process on each side (the earlier layout;
#                  informational: Go's scheduler hands a call between goroutines without a
#                  thread wake-up, which no call between two processes gets)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
runs=${BENCH_RUNS:-3}
warmup=${BENCH_WARMUP:-8}
go_warmup=${BENCH_GO_WARMUP:-2}
seconds=${BENCH_SECONDS:-3}
out=${BENCH_OUT:-$here/target/results}

# shellcheck source=../.mvn/find-jdk.sh
. "$repo/.mvn/find-jdk.sh"
hangar_find_jdk
java=$JAVA_HOME/bin/java

command -v go >/dev/null 2>&1 || { echo "bench: needs Go (apt-get install golang-go)" >&2; exit 1; }
[ -d /usr/share/gocode/src/github.com/docker/docker/pkg/plugins ] || {
  echo "bench: needs moby's Go sources (apt-get install golang-github-docker-docker-dev)" >&2; exit 1; }

mkdir -p "$out"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "bench: building (maven: bench and what it needs; go: the anchor) ..." >&2
  (cd "$repo" && ./mvnw -q -B -pl bench -am package -DskipTests)
  (cd "$here/go" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= \
    go build -o "$here/target/anchor" ./anchor)
fi

cores=$(nproc 2>/dev/null || echo "?")
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
echo "bench: $cores cores, $("$java" -version 2>&1 | head -n 1), $(go version)" >&2
start=$(date +%s)

# await_listening LOG: prints the address a server wrote as "listening ADDR" into LOG.
await_listening() {
  local i
  for i in $(seq 1 200); do
    if grep -q '^listening ' "$1" 2>/dev/null; then sed -n 's/^listening //p' "$1" | head -n 1; return 0; fi
    sleep 0.1
  done
  echo "bench: no server address in $1" >&2; cat "$1" >&2; return 1
}

servers=()
stop_servers() {
  local p
  for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  servers=()
}
trap stop_servers EXIT

# jmh OUT.json LOG [ARGS...]: the Hangar client's cases (1 and 32 callers, sample and throughput).
jmh() {
  local json=$1 log=$2; shift 2
  "$java" -jar "$here/target/benchmarks.jar" CallRoundTripBenchmark "$@" \
    -f 1 -wi "$warmup" -w 1s -i "$seconds" -r 1s -rf json -rff "$json" >"$log" 2>&1 || {
    echo "bench: JMH failed; the end of $log:" >&2; tail -n 40 "$log" >&2; exit 1; }
}

# anchor OUT.json [ARGS...]: Docker's client (moby pkg/plugins), 1 and 32 callers.
anchor() {
  local json=$1; shift
  "$here/target/anchor" -clients docker -duration "${seconds}s" "$@" >"$json" 2>"$json.log" || {
    echo "bench: the anchor failed:" >&2; cat "$json.log" >&2; exit 1; }
}

dirs=()
for run in $(seq 1 "$runs"); do
  dir=$out/run-$run
  rm -rf "$dir"; mkdir -p "$dir"; dirs+=("$dir")
  for net in unix tcp; do
    echo "bench: run $run of $runs, $net; load average $(load)" >&2
    "$here/target/anchor" -serve "$net" >"$dir/go-server-$net.log" 2>&1 &
    servers+=($!)
    go_addr=$(await_listening "$dir/go-server-$net.log")
    if [ "$net" = unix ]; then target="unix://$dir/hangar.sock"; else target="tcp://127.0.0.1:0"; fi
    "$java" -cp "$here/target/benchmarks.jar" dev.hangar.bench.EchoServer "$target" \
      >"$dir/hangar-server-$net.log" 2>&1 &
    servers+=($!)
    hg_addr=$(await_listening "$dir/hangar-server-$net.log")

    anchor "$dir/go-$net.json" -connect "$go_addr" -transports "$net" -warmup "${go_warmup}s"
    # JMH's warm-up also warms the Hangar server before Docker's client meets it
    jmh "$dir/hangar-$net.json" "$dir/hangar-$net.log" -p transport="$net" \
      -jvmArgsAppend "-Dbench.connect=$hg_addr"
    anchor "$dir/go-to-hangar-$net.json" -connect "$hg_addr" -transports "$net" \
      -warmup "${go_warmup}s"
    if [ "${BENCH_CROSS:-0}" = 1 ]; then
      jmh "$dir/hangar-to-go-$net.json" "$dir/hangar-to-go-$net.log" -p transport="$net" \
        -jvmArgsAppend "-Dbench.connect=$go_addr"
    fi
    stop_servers
  done
  if [ "${BENCH_INPROCESS:-0}" = 1 ]; then
    echo "bench: run $run of $runs, in one process; load average $(load)" >&2
    "$here/target/anchor" -warmup "${go_warmup}s" -duration "${seconds}s" -clients docker \
      >"$dir/inprocess-go.json"
    jmh "$dir/inprocess-hangar.json" "$dir/inprocess-hangar.log"
  fi
done

"$java" -cp "$here/target/benchmarks.jar" dev.hangar.bench.RatioTable "${dirs[@]}" \
  | tee "$out/table.txt"
echo "load average at the end: $(load)" | tee -a "$out/table.txt"
echo "bench: raw results in $out; took $(( $(date +%s) - start )) s after the build" >&2
