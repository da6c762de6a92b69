#!/usr/bin/env bash
# Builds the server and the benchmarks, then runs every scenario against the Java server and the Node.js reference
# server in turn, and prints the medians side by side (results also in benchmarks/results/*.json).
#
#   benchmarks/run.sh [--smoke] [--runs N] [--jmh] [any option of the runner, e.g. --servers node --scenarios echo]
#   benchmarks/run.sh --runs 1 --scenarios held   # held connections: 19,900 idle clients for 5 min on each server
#
# The server under test is pinned to CPU 0 and the load generator to CPU 1 (taskset), so that both servers are
# compared on one core each: Node.js is single-threaded. The Java server runs with the configuration a user gets:
# no flags, so the starter sizes its event loops to the one CPU it is pinned to. Set SERVER_JAVA to run the Java
# server on another JDK, SERVER_JVM_FLAGS to give it flags (e.g. -Dreactor.netty.ioWorkerCount=4 for Reactor Netty's
# own default on this core).
set -euo pipefail
cd "$(dirname "$0")/.."

SERVER_CPUS="${SERVER_CPUS:-0}"
LOADGEN_CPUS="${LOADGEN_CPUS:-1}"
jmh=false
smoke=false
args=()
for arg in "$@"; do
  case "$arg" in
    --jmh) jmh=true ;;
    --smoke) smoke=true; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

for tool in java node npm taskset; do
  command -v "$tool" >/dev/null 2>&1 || { echo "benchmarks need '$tool' on the PATH" >&2; exit 1; }
done

echo "== building the server and the benchmarks"
./mvnw -q -B -DskipTests -Pbenchmarks package
(cd benchmarks/node && npm ci --no-audit --no-fund --loglevel=error)

# Node keeps every connection in one process: allow as many descriptors as the hard limit does.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

pin=(taskset -c "$LOADGEN_CPUS")
runner_args=(--jar sample-app/target/sample-app-0.1.0-SNAPSHOT.jar --node-dir benchmarks/node
  --server-cpus "$SERVER_CPUS" --out benchmarks/results)
[ -n "${SERVER_JAVA:-}" ] && runner_args+=(--server-java "$SERVER_JAVA")
[ -n "${SERVER_JVM_FLAGS:-}" ] && runner_args+=(--server-jvm-flags "$SERVER_JVM_FLAGS")

echo "== load scenarios (server on CPU $SERVER_CPUS, load generator on CPU $LOADGEN_CPUS)"
"${pin[@]}" java -jar benchmarks/target/benchmarks.jar run "${runner_args[@]}" ${args[@]+"${args[@]}"}

if $jmh || $smoke; then
  echo "== microbenchmarks"
  stamp="$(date +%Y%m%d-%H%M%S)"
  if $smoke; then
    jmh_args=(-f 1 -wi 1 -w 200ms -i 1 -r 200ms)
  else
    jmh_args=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
  fi
  "${pin[@]}" java -jar benchmarks/target/benchmarks.jar jmh "${jmh_args[@]}" \
    -rf json -rff "benchmarks/results/${stamp}-jmh.json" 'io.github.springsocketio'
fi
