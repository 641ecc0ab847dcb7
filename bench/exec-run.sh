#!/usr/bin/env bash
# Exec-plugin benchmark (issue #4 section 6), both sides in one JVM, with ratios:
#   (a) per-call time of ExecRunner.call against a bare ProcessBuilder start + read + wait of the
#       same binary, 1 caller (target: Hangar <= 1.10 x bare);
#   (b) calls per second with 8 concurrent callers on a non-queued domain, same two sides.
# Each binary is measured with three sides: bare, hangar (the defaults) and hangar-pgrp (process
# groups on: one more exec, of setsid, per call). See bench/README.md, section "Exec plugins".
#
# Binaries: a two-line /bin/sh script printing core0's result framing, and, when `go` is
# installed, a static Go program printing the same the way core0's helper library does.
#
# Environment (the defaults take about 3 minutes, build included):
#   BENCH_WARMUP    warm-up calls per side                 (default 2000)
#   BENCH_ROUNDS    rounds per part                        (default 5)
#   BENCH_CALLS     timed calls per side and round for (a) (default 200)
#   BENCH_SECONDS   seconds per side and round for (b)     (default 3)
#   BENCH_CALLERS   concurrent callers for (b)             (default 8)
#   BENCH_OUT       directory for the raw results          (default bench/target/exec-results)
#   BENCH_NO_GO=1   to skip the Go binary
#   BENCH_SKIP_BUILD=1 to reuse what is built
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
warmup=${BENCH_WARMUP:-2000}
rounds=${BENCH_ROUNDS:-5}
calls=${BENCH_CALLS:-200}
seconds=${BENCH_SECONDS:-3}
callers=${BENCH_CALLERS:-8}
out=${BENCH_OUT:-$here/target/exec-results}

# shellcheck source=../.mvn/find-jdk.sh
. "$repo/.mvn/find-jdk.sh"
hangar_find_jdk
java=$JAVA_HOME/bin/java
jar=$here/target/benchmarks.jar
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }

mkdir -p "$out"
start=$(date +%s)
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "bench: building (bench and what it needs) ..." >&2
  (cd "$repo" && ./mvnw -q -B -pl bench -am package -DskipTests)
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hangar-bench-exec.XXXXXX")
trap 'rm -rf "$work"' EXIT

printf '#!/bin/sh\nprintf '"'"'20:::\\n"1.0alpha"\\n:::'"'"'\n' >"$work/version.sh"
chmod +x "$work/version.sh"
binaries=("$work/version.sh")
if [ "${BENCH_NO_GO:-0}" != 1 ] && command -v go >/dev/null 2>&1; then
  mkdir -p "$work/go"
  cat >"$work/go/main.go" <<'GO'
// What core0's helper library (plugin.Plugin) writes for a handler returning "1.0alpha".
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 3 || os.Args[1] != "version" {
		fmt.Print("20:::\n\"unknown command\"\n:::")
		os.Exit(1)
	}
	fmt.Print("20:::\n")
	json.NewEncoder(os.Stdout).Encode("1.0alpha")
	fmt.Print(":::")
}
GO
  if (cd "$work/go" && CGO_ENABLED=0 GOCACHE="$work/gocache" GOFLAGS= go build -o "$work/version-go" main.go) >&2; then
    binaries+=("$work/version-go")
  else
    echo "bench: go build failed; measuring the shell script only" >&2
  fi
fi

setsid_note=$(command -v setsid >/dev/null 2>&1 && echo "setsid $(command -v setsid)" || echo "no setsid: hangar-pgrp = hangar")
echo "bench: $(nproc) cores, $("$java" -version 2>&1 | head -n 1); $setsid_note; load average $(load)" >&2
: >"$out/summary.txt"
for bin in "${binaries[@]}"; do
  label=$(basename "$bin")
  echo "bench: $label: $warmup warm-up calls per side, $rounds rounds; (a) $calls calls per side and round, (b) $callers callers for ${seconds}s per side and round" >&2
  echo "== $label (load average before: $(load))" | tee -a "$out/summary.txt"
  "$java" -cp "$jar" dev.hangar.bench.exec.ExecCallBench "$bin" "$warmup" "$rounds" "$calls" "$seconds" "$callers" \
    2>"$out/$label.log" | tee -a "$out/summary.txt"
done
echo "bench: raw results in $out; took $(( $(date +%s) - start )) s; load average at the end $(load)" >&2
