#!/usr/bin/env bash
# Measures how long a node takes from its process start to the first client served (an Engine.IO handshake answered),
# pinned to one CPU like the other benchmarks, for the ways Spring Boot and the JDK offer to start faster:
#
#   jar        java -jar sample-app.jar, as the README runs it
#   extracted  the jar extracted by Spring Boot's tools (java -Djarmode=tools -jar … extract)
#   cds        extracted, with a class-data sharing archive made by a training run (-XX:SharedArchiveFile)
#   aot-cache  extracted, on JDK 25 or later, with an ahead-of-time cache (-XX:AOTCache, JEP 483/514/515);
#              only when JAVA25_HOME names such a JDK
#   node       the Node.js reference server, for comparison
#
#   benchmarks/startup.sh [runs]        (default 5 runs of each; the sample jar must be built: benchmarks/run.sh does)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
cpus="${SERVER_CPUS:-0}"
jar="sample-app/target/sample-app-0.1.0-SNAPSHOT.jar"
work="benchmarks/target/startup"
[ -f "$jar" ] || { echo "build the sample first: ./mvnw -q -pl sample-app -am package -DskipTests" >&2; exit 1; }
(cd benchmarks/node && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error)

rm -rf "$work" && mkdir -p "$work"
java -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
app="$work/app/$(basename "$jar")"
# training runs: start the application context and exit (Spring Boot's spring.context.exit=onRefresh)
java -XX:ArchiveClassesAtExit="$work/app.jsa" -Dspring.context.exit=onRefresh -jar "$app" --server.port=0 \
  >"$work/cds-training.log" 2>&1
if [ -n "${JAVA25_HOME:-}" ]; then
  "$JAVA25_HOME/bin/java" -XX:AOTCacheOutput="$work/app.aot" -Dspring.context.exit=onRefresh -jar "$app" \
    --server.port=0 >"$work/aot-training.log" 2>&1
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts the command ({port} in its arguments replaced), prints the milliseconds until a handshake is answered.
measure() {
  local port="$1"; shift
  local start end pid command=()
  for arg in "$@"; do command+=("${arg//\{port\}/$port}"); done
  start=$(date +%s%N)
  taskset -c "$cpus" "${command[@]}" >"$work/run.log" 2>&1 &
  pid=$!
  until curl -s -m 1 "http://127.0.0.1:$port/socket.io/?EIO=4&transport=polling" 2>/dev/null | grep -q '^0{'; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited: $(tail -5 "$work/run.log")" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

report() {
  local name="$1"; shift
  local times=() port
  for _ in $(seq "$runs"); do
    port=$(free_port)
    times+=("$(measure "$port" "$@")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" '{ t[NR] = $1 } END {
    printf "%-10s median %6d ms   [%d..%d]   runs %d\n", name, t[int((NR + 1) / 2)], t[1], t[NR], NR }'
}

echo "== time from process start to the first handshake answered ($runs runs each, server on CPU $cpus)"
report jar java -jar "$jar" --server.address=127.0.0.1 --server.port={port}
report extracted java -jar "$app" --server.address=127.0.0.1 --server.port={port}
report cds java -XX:SharedArchiveFile="$work/app.jsa" -jar "$app" --server.address=127.0.0.1 --server.port={port}
if [ -n "${JAVA25_HOME:-}" ]; then
  report jar-25 "$JAVA25_HOME/bin/java" -jar "$jar" --server.address=127.0.0.1 --server.port={port}
  report aot-cache "$JAVA25_HOME/bin/java" -XX:AOTCache="$work/app.aot" -jar "$app" --server.address=127.0.0.1 \
    --server.port={port}
fi
report node node benchmarks/node/server.js --port {port}
