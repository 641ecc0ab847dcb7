#!/usr/bin/env bash
# Runs Hangar's call round-trip benchmark (JMH) and the Go anchor one after the other on this
# machine, then prints Hangar/anchor ratios. See bench/README.md.
#
# Environment (defaults give a run of about 4 minutes, build included (under 5)):
#   BENCH_WARMUP   JMH warm-up seconds per case  (default 8: on 2 cores the JIT needs that long)
#   BENCH_GO_WARMUP  the anchor's warm-up seconds per case (default 1; Go has no JIT)
#   BENCH_SECONDS  measured seconds per case     (default 3)
#   BENCH_FORKS    JMH forks per case            (default 1)
#   BENCH_OUT      directory for the raw results (default bench/target/results)
#   BENCH_SKIP_BUILD=1 to reuse what is built
#   BENCH_CROSS=1  also measure each client against the other side's server (Hangar client ->
#                  Go server, Go clients -> Hangar server), to see which side decides the result
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
warmup=${BENCH_WARMUP:-8}
go_warmup=${BENCH_GO_WARMUP:-1}
seconds=${BENCH_SECONDS:-3}
forks=${BENCH_FORKS:-1}
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
echo "bench: load average $(load) (other work on the machine skews both sides)" >&2
echo "bench: Go anchor, first run (net/http server + Docker's client); load average $(load)" >&2
start=$(date +%s)
"$here/target/anchor" -warmup "${go_warmup}s" -duration "${seconds}s" >"$out/anchor-1.json"
echo "bench: JMH, Hangar SDK server + Hangar client (${warmup}s warm-up, ${seconds}s measured per case); load average $(load)" >&2
"$java" -jar "$here/target/benchmarks.jar" CallRoundTripBenchmark \
  -f "$forks" -wi "$warmup" -w 1s -i "$seconds" -r 1s \
  -rf json -rff "$out/jmh.json" >"$out/jmh.log" 2>&1 || {
  echo "bench: JMH failed; the end of $out/jmh.log:" >&2; tail -n 40 "$out/jmh.log" >&2; exit 1; }
grep -E '^(Benchmark|CallRoundTrip)' "$out/jmh.log" | grep -vE '·p(0\.00|0\.90|0\.95|0\.999|0\.9999|1\.00)' >&2 || true

echo "bench: Go anchor, second run; load average $(load)" >&2
"$here/target/anchor" -warmup "${go_warmup}s" -duration "${seconds}s" >"$out/anchor-2.json"

"$java" -cp "$here/target/benchmarks.jar" dev.hangar.bench.RatioTable "$out/jmh.json" "$out/anchor-1.json" "$out/anchor-2.json" \
  | tee "$out/table.txt"
echo "load average at the end: $(load)" | tee -a "$out/table.txt"

# await_listening LOG: prints the address a server wrote as "listening ADDR" into LOG.
await_listening() {
  local i
  for i in $(seq 1 200); do
    if grep -q '^listening ' "$1" 2>/dev/null; then sed -n 's/^listening //p' "$1" | head -n 1; return 0; fi
    sleep 0.1
  done
  echo "bench: no server address in $1" >&2; cat "$1" >&2; return 1
}

if [ "${BENCH_CROSS:-0}" = 1 ]; then
  echo >&2
  echo "bench: cross runs (client of one side against the server of the other)" >&2
  for net in unix tcp; do
    "$here/target/anchor" -serve "$net" >"$out/go-server-$net.log" 2>&1 &
    server=$!
    addr=$(await_listening "$out/go-server-$net.log")
    "$java" -jar "$here/target/benchmarks.jar" CallRoundTripBenchmark -p transport="$net" \
      -jvmArgsAppend "-Dbench.connect=$addr" -f "$forks" -wi "$warmup" -w 1s -i "$seconds" -r 1s \
      -rf json -rff "$out/cross-hangar-client-$net.json" >"$out/cross-hangar-client-$net.log" 2>&1
    kill "$server"; wait "$server" 2>/dev/null || true
    echo "Hangar client -> Go net/http server ($net):"
    grep -E '^CallRoundTrip' "$out/cross-hangar-client-$net.log" | grep -E 'thrpt|p0\.50|p0\.99 ' || true

    if [ "$net" = unix ]; then target="unix://$out/hangar-echo.sock"; else target="tcp://127.0.0.1:0"; fi
    rm -f "$out/hangar-echo.sock"
    "$java" -cp "$here/target/benchmarks.jar" dev.hangar.bench.EchoServer "$target" \
      >"$out/hangar-server-$net.log" 2>&1 &
    server=$!
    addr=$(await_listening "$out/hangar-server-$net.log")
    echo "Go clients -> Hangar SDK server ($net), after ${warmup}s of warm-up for the JVM:"
    "$here/target/anchor" -connect "$addr" -transports "$net" -warmup "${warmup}s" \
      -duration "${seconds}s" >"$out/cross-go-client-$net.json" 2>"$out/cross-go-client-$net.log" || true
    cat "$out/cross-go-client-$net.log"
    kill "$server"; wait "$server" 2>/dev/null || true
  done 2>&1 | tee "$out/cross.txt"
fi
echo "bench: raw results in $out; took $(( $(date +%s) - start )) s after the build" >&2
