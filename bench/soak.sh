#!/usr/bin/env bash
# The soak run of issue 11 section 2: 1,000,000 calls from 64 callers over 8 plugins of every
# kind (three SDK socket plugins, a Go socket plugin, a managed plugin under runc, two exec
# plugins, a JAR plugin) in one host, sampled every few seconds; zero errors, and the open file
# descriptors, threads and RSS of the host and of the plugin processes printed as a table (before
# the warm-up, start = after it, peak, end). It is hangar-tests' SoakTest (50,000 calls in
# ./mvnw verify) with more calls, so it asserts the same: no failed call, no fd or thread growth.
# Then bench/faults.sh, when there is one. See bench/README.md, "Soak".
#
# Environment:
#   SOAK_CALLS           calls in all, warm-up included (default 1000000)
#   SOAK_WARMUP          calls of the warm-up (default a tenth of the calls, at most 50000)
#   SOAK_CALLERS         caller threads (default 64)
#   SOAK_SAMPLE_SECONDS  sampling period (default 5)
# Needs a JDK >= 21, golang-go and golang-github-docker-docker-dev; the managed plugin also
# needs root and runc (without them it is left out, and the run says so).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
calls=${SOAK_CALLS:-1000000}
out=$repo/hangar-tests/target/soak
# shellcheck source=../.mvn/find-jdk.sh
. "$repo/.mvn/find-jdk.sh"
hangar_find_jdk
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }

mkdir -p "$out"
rm -f "$out/table.txt" "$out/samples.csv"
echo "soak: $calls calls; $(nproc) cores, load average $(load); building and running" \
  "(maven log: $out/maven.log) ..." >&2
start=$(date +%s)
props=(-Dsoak.calls="$calls" -Dsoak.sampleSeconds="${SOAK_SAMPLE_SECONDS:-5}")
[ -n "${SOAK_WARMUP:-}" ] && props+=(-Dsoak.warmup="$SOAK_WARMUP")
[ -n "${SOAK_CALLERS:-}" ] && props+=(-Dsoak.callers="$SOAK_CALLERS")
status=0
(cd "$repo" && ./mvnw -B verify -pl hangar-tests -am -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SoakTest "${props[@]}") \
  >"$out/maven.log" 2>&1 || status=$?
if [ -f "$out/table.txt" ]; then
  cat "$out/table.txt"
  echo "samples: $out/samples.csv"
fi
if [ "$status" != 0 ]; then
  echo "soak: FAILED (exit $status); the end of $out/maven.log:" >&2
  grep -E "FAIL|ERROR|expected|Expect" "$out/maven.log" | head -n 40 >&2 ||
    tail -n 40 "$out/maven.log" >&2
fi
echo "soak: took $(( $(date +%s) - start )) s, build and set-up included; load average at the" \
  "end $(load)" >&2

if [ -x "$here/faults.sh" ]; then
  "$here/faults.sh" || status=$?
fi
exit "$status"
