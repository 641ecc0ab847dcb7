#!/usr/bin/env bash
# Fuzzes every @FuzzTest target (issue #11 section 4; docs/fuzzing.md) for a given time each, one
# after the other, with Jazzer's coverage guidance and bug detectors, and prints per target the
# executions and the findings.
#
#   bench/fuzz.sh [SECONDS] [PATTERN...]
#
#   SECONDS   fuzzing time per target (default 60)
#   PATTERN   only the targets whose Class#method contains one of them (e.g. ZipIndex, #layers)
#
# Environment:
#   FUZZ_HEAP        the fuzzing JVM's -Xmx (default 512m): an allocation beyond it is a finding
#   FUZZ_INSTRUMENT  the classes whose coverage guides the fuzzer (Jazzer's pattern list)
#   FUZZ_OUT         where each target's log goes (default bench/target/fuzz)
#   FUZZ_SKIP_BUILD=1 to reuse what is compiled
#
# A finding fails the target: Jazzer writes the input as crash-<sha1> into the target's seed
# directory (src/test/resources/<package>/<Class>Inputs/<method>/) and prints the stack trace in
# the log. Keep the input there under a name that says what it broke, once the parser is fixed:
# it is then a regression case of ./mvnw verify. The corpus a run grows (.cifuzz-corpus/ in the
# module) is reused by the next run and never committed.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
seconds=${1:-60}
shift $(($# > 0 ? 1 : 0))
patterns=("$@")
heap=${FUZZ_HEAP:-512m}
# Coverage is measured in Hangar's classes and in the parsers they use (Jazzer's default: only
# the fuzz test's package).
instrument=${FUZZ_INSTRUMENT:-'dev.hangar.**:org.apache.commons.compress.**:org.tomlj.**:com.fasterxml.jackson.core.**'}
out=${FUZZ_OUT:-$here/target/fuzz}

cd "$repo" || exit 1
# shellcheck source=../.mvn/find-jdk.sh
. "$repo/.mvn/find-jdk.sh"
hangar_find_jdk || exit 1

# Every target: module, class, method; from the @FuzzTest methods in the test sources.
targets=()
while IFS= read -r file; do
  module=${file%%/src/test/java/*}
  class=${file#*/src/test/java/}
  class=${class%.java}
  class=${class//\//.}
  for method in $(awk '/@FuzzTest/ { want = 1; next }
      want && /void [a-zA-Z0-9_]+\(/ { sub(/.*void /, ""); sub(/\(.*/, ""); print; want = 0 }' \
      "$file"); do
    name="${class##*.}#$method"
    if [ ${#patterns[@]} -gt 0 ]; then
      keep=
      for p in "${patterns[@]}"; do
        case $name in *"$p"*) keep=1 ;; esac
      done
      [ -n "$keep" ] || continue
    fi
    targets+=("$module $class $method")
  done
done < <(grep -rl --include='*FuzzTest.java' '@FuzzTest' -- */src/test/java | sort)

if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no target matches ${patterns[*]}" >&2
  exit 2
fi
modules=$(printf '%s\n' "${targets[@]}" | cut -d' ' -f1 | sort -u | paste -sd, -)
mkdir -p "$out"
if [ -z "${FUZZ_SKIP_BUILD:-}" ]; then
  echo "fuzz: compiling $modules"
  ./mvnw -o -B -q test-compile -pl "$modules" -am >"$out/build.log" 2>&1 ||
    { echo "fuzz: build failed, see $out/build.log" >&2; exit 1; }
fi

printf '%-44s %12s %8s  %s\n' target executions findings log
failed=0
for t in "${targets[@]}"; do
  read -r module class method <<<"$t"
  name="${class##*.}#$method"
  log="$out/${class##*.}-$method.log"
  # default-test only: another execution (hangar-protocol's large-bodies, 64 MiB) would run the
  # target again. JUnit's own timeouts off: a @Timeout would end the whole fuzzing run, while
  # Jazzer turns it into libFuzzer's per-input -timeout, which still applies.
  hooks=()
  case $class in
    # Docker's filters are regexps by design: the RegexInjection detector would flag every
    # invalid one the client sends (Filters skips them, as moby does, and bounds matching).
    *.FiltersFuzzTest) hooks=(-Djazzer.disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection) ;;
  esac
  JAZZER_FUZZ=1 ./mvnw -o -B test-compile surefire:test@default-test -pl "$module" -am \
    -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.hooks=true -Djazzer.max_duration="${seconds}s" -DargLine="-Xmx$heap" \
    -Djazzer.instrumentation_includes="$instrument" \
    -Djunit.jupiter.execution.timeout.mode=disabled "${hooks[@]}" >"$log" 2>&1
  status=$?
  report="$repo/$module/target/surefire-reports/$class-output.txt"
  [ -f "$report" ] && cat "$report" >>"$log"
  # libFuzzer's last status line (#N ...) or its "Done N runs"; Jazzer stops at the first finding
  runs=$(grep -aoE '^#[0-9]+[[:space:]]|^Done [0-9]+ runs' "$log" | grep -aoE '[0-9]+' | tail -n 1)
  findings=$(grep -ac 'Test unit written to' "$log")
  if [ "$status" -ne 0 ] && [ "$findings" -eq 0 ]; then
    findings="?" # the build or the test failed otherwise: see the log
  fi
  [ "$status" -eq 0 ] || failed=1
  printf '%-44s %12s %8s  %s\n' "$name" "${runs:-?}" "$findings" "${log#"$repo"/}"
  if [ "$findings" != 0 ]; then
    grep -aE 'Test unit written to|FuzzTestFindingException: |^Caused by: ' "$log" | sort -u |
      sed 's/^/    /'
  fi
done
exit $failed
