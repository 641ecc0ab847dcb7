#!/usr/bin/env bash
# The fault-injection tests of `./mvnw verify` (issue #11 section 3) run longer: a socket plugin
# and a managed plugin killed with SIGKILL in the middle of calls, and the daemon killed in the
# middle of the docker CLI's operations, FAULT_ROUNDS rounds each (default 1000; `./mvnw verify`
# runs 200, 10 and 16). A later bench/soak.sh calls this script.
#
#   SocketPluginSigkillTest   goplugin on a unix socket, 4 callers through one PluginHost
#   ManagedPluginSigkillTest  goplugin under runc, supervised by a library PluginHost
#   DaemonSigkillTest         hangar daemon killed during docker plugin install, set, enable,
#                             disable, upgrade and rm (a registry on loopback); the restarted
#                             daemon must show the plugin as before or after
#
# Environment:
#   FAULT_ROUNDS  rounds of each test                  (default 1000)
#   FAULT_SEED    the seed to replay a run with         (default: a new one, printed)
#   FAULT_TESTS   which tests                           (default all three, comma-separated)
#
# Needs a JDK >= 21, Go and moby's Go sources (as `./mvnw verify`); the managed test also needs
# root and runc (it is skipped without them), the daemon test also docker-registry and the docker
# CLI. About 4 minutes for the socket test, 15 for the managed one and 40 for the daemon one on 2
# cores at 1000 rounds. Builds only what the tests need, with Maven offline
# when ~/.m2 has everything (FAULT_MAVEN_OPTS replaces -o, e.g. with -q). The seeds, the codes
# seen and the restart times are printed at the end; the output is kept in bench/target/faults.log.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=${FAULT_ROUNDS:-1000}
tests=${FAULT_TESTS:-SocketPluginSigkillTest,ManagedPluginSigkillTest,DaemonSigkillTest}
seed=()
if [ -n "${FAULT_SEED:-}" ]; then
  seed=("-Dhangar.faultSeed=$FAULT_SEED")
fi

# shellcheck source=../.mvn/find-jdk.sh
. "$repo/.mvn/find-jdk.sh"
hangar_find_jdk

cd "$repo"
log=$here/target/faults.log
mkdir -p "$here/target"
status=0
# shellcheck disable=SC2086
./mvnw ${FAULT_MAVEN_OPTS:--o} -B verify -pl hangar-tests -am -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$tests" \
  -Dhangar.faultRounds="$rounds" "${seed[@]}" 2>&1 | tee "$log" || status=$?
echo "--- faults ($rounds rounds; the whole output in $log)"
grep -a -E 'SigkillTest: |Tests run:.*in dev' "$log" || true
exit "$status"
