#!/usr/bin/env bash
# The cost of metrics on the call path (issue #11 section 1): a socket call through a host with
# no observer and with HangarMetrics (ObservedCallBenchmark.call, p50), and the observation the
# metrics add to each call alone (ObservedCallBenchmark.observation, ns). Prints, per run, the
# observation as a share of the unobserved call's p50 (target: under 2 %), and the spread over
# the runs. See bench/README.md, "Metrics".
#
# Environment:
#   BENCH_RUNS      runs (default 3)
#   BENCH_WARMUP    JMH warm-up seconds per case (default 3)
#   BENCH_SECONDS   JMH measured seconds per case (default 5)
#   BENCH_SKIP_BUILD=1 to reuse bench/target/benchmarks.jar
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
runs=${BENCH_RUNS:-3}
warmup=${BENCH_WARMUP:-3}
seconds=${BENCH_SECONDS:-5}
out=$here/target/metrics-results
# shellcheck source=../.mvn/find-jdk.sh
. "$repo/.mvn/find-jdk.sh"
hangar_find_jdk
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  (cd "$repo" && ./mvnw -q -B -pl bench -am package -DskipTests)
fi
mkdir -p "$out"
printf '%-4s %-14s %12s %12s %14s %9s %9s\n' run load p50.none.us p50.metr.us observation.ns share ratio
for r in $(seq 1 "$runs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  "$JAVA_HOME/bin/java" -jar "$here/target/benchmarks.jar" ObservedCallBenchmark \
    -wi 1 -w "${warmup}s" -i 1 -r "${seconds}s" -f 1 -rf json -rff "$out/run$r.json" \
    >"$out/run$r.log" 2>&1
  python3 - "$out/run$r.json" "$r" "$load" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
p50 = {}
obs = None
for b in rows:
    name = b["benchmark"].rsplit(".", 1)[1]
    o = b["params"]["observer"]
    if name == "call":
        p50[o] = b["primaryMetric"]["scorePercentiles"]["50.0"]
    elif o == "none":
        obs = b["primaryMetric"]["score"]
share = obs / (p50["none"] * 1000) * 100
print("%-4s %-14s %12.1f %12.1f %14.1f %8.2f%% %9.3f" % (sys.argv[2], sys.argv[3],
      p50["none"], p50["metrics"], obs, share, p50["metrics"] / p50["none"]))
PY
done | tee "$out/table.txt"
awk 'NR > 0 { s = $6 + 0; if (min == "" || s < min) min = s; if (s > max) max = s }
     END { printf "observation / unobserved p50: min %.2f%%, max %.2f%% (target < 2%%)\n", min, max }' \
  "$out/table.txt"
