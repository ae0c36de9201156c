#!/usr/bin/env bash
# Checks that the sample packages as an executable jar: starts `java -jar sample-app/target/sample-app-*.jar`
# on a free port, waits for its health endpoint to answer UP, then stops it. Run after a build that
# packaged the sample (`mvn install`, `mvn verify` or `mvn -pl sample-app -am package`).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls sample-app/target/sample-app-*.jar 2>/dev/null | grep -v -- '-plain\|sources\|javadoc' | head -1 || true)
[[ -n "$jar" ]] || { echo "no sample-app jar in sample-app/target: build it first" >&2; exit 1; }
log=$(mktemp)
# Port 0: the OS picks a free port (other builds may run servers at the same time); the log names it.
java -jar "$jar" --server.port=0 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
port=""
for _ in $(seq 1 120); do
  kill -0 "$pid" 2>/dev/null || { echo "java -jar $jar exited:" >&2; cat "$log" >&2; exit 1; }
  port=$(grep -oE 'started on port ([0-9]+)' "$log" | grep -oE '[0-9]+$' | head -1 || true)
  [[ -n "$port" ]] && break
  sleep 1
done
[[ -n "$port" ]] || { echo "the sample did not start within 120 s:" >&2; cat "$log" >&2; exit 1; }
health=$(curl -fsS "http://localhost:$port/actuator/health")
if [[ "$health" != *'"status":"UP"'* ]]; then
  echo "health of the sample started with java -jar: $health" >&2
  exit 1
fi
echo "java -jar $jar: started on port $port, health UP"
