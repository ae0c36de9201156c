#!/usr/bin/env bash
# The whole performance comparison in one command (about 11-12 minutes on 2 cores):
#   1. builds ws-bench (Maven profile `bench`, outside the default build) and its classpath,
#   2. runs the JMH engine benchmarks against their JDK limits (1 fork, 2 x 1 s warm-up, 3 x 1 s),
#   3. runs the load harness: each echo server in its own JVM, driven by a Netty client,
#   4. writes benchmarks/{machine,jmh,load}.md, benchmarks/load-throughput.svg and
#      benchmarks/results.md, and copies results.md into BENCHMARKS.md between its markers.
#
# Environment knobs:
#   BENCH_QUICK=1        smoke run: tiny JMH settings, 1 s load phases, 1,000 idle connections
#   BENCH_SKIP_JMH=1     load harness only;  BENCH_SKIP_LOAD=1  JMH only
#   BENCH_LOAD_OPTS="-Dbench.peers=netty,jetty"  extra harness settings (see HarnessSettings)
#   BENCH_SKIP_CLIENT=1  no client-scale run; BENCH_CLIENT_JAVA=/path/to/bin/java runs it on another JDK
#                        (Java 21+ gives the client virtual threads; Java 17 platform threads)
#   MAVEN_OFFLINE=1      build with `mvn -o`
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/benchmarks"
mkdir -p "$out"
started=$(date +%s)

# 10,000 idle connections need 10,000 descriptors in the server and as many in the load generator.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open file limit: $(ulimit -n)"

offline=()
[[ "${MAVEN_OFFLINE:-}" == 1 ]] && offline=(-o)
echo "== build"
# The reactor build puts this worktree's ws-core (not whatever is in ~/.m2) on the classpath.
mvn -B -q -ntp "${offline[@]}" -P bench -pl ws-bench -am -DskipTests \
    package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="$root/ws-bench/target/classes:$(cat "$root/ws-bench/target/classpath.txt")"

{
  echo "### Machine"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| date (UTC) | $(date -u '+%Y-%m-%d %H:%M') |"
  echo "| CPU | $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') |"
  echo "| memory | $(free -g | awk '/^Mem:/ {print $2 " GiB"}') |"
  echo "| JDK | $(java -version 2>&1 | sed -n 2p) |"
  echo "| OS | $(uname -sr) |"
  echo "| load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo "| other JVMs running at start | $(( $(pgrep -c java || true) )) |"
  echo
} > "$out/machine.md"
cat "$out/machine.md"

if [[ "${BENCH_SKIP_JMH:-}" != 1 ]]; then
  echo "== JMH"
  if [[ "${BENCH_QUICK:-}" == 1 ]]; then
    jmh=(-f 1 -wi 1 -w 200ms -i 1 -r 300ms)
  else
    jmh=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  fi
  java -cp "$cp" org.openjdk.jmh.Main "${jmh[@]}" -rf json -rff "$out/jmh.json" | grep -E '^(Benchmark|[A-Za-z0-9]+Benchmark\.)' || true
  java -cp "$cp" io.wsstack.bench.report.JmhReport "$out/jmh.json" "$out/jmh.md" > /dev/null
fi

if [[ "${BENCH_SKIP_LOAD:-}" != 1 ]]; then
  echo "== load"
  load=(-Dbench.out="$out")
  if [[ "${BENCH_QUICK:-}" == 1 ]]; then
    load+=(-Dbench.warmupMillis=300 -Dbench.measureMillis=1000 -Dbench.idleConnections=1000)
  fi
  # shellcheck disable=SC2206
  java -Xmx2g -cp "$cp" "${load[@]}" ${BENCH_LOAD_OPTS:-} io.wsstack.bench.load.LoadHarness
fi

if [[ "${BENCH_SKIP_CLIENT:-}" != 1 ]]; then
  echo "== client scale"
  rm -f "$out/client-scale.md"
  sessions=10000
  [[ "${BENCH_QUICK:-}" == 1 ]] && sessions=1000
  "${BENCH_CLIENT_JAVA:-java}" -Xmx1g -cp "$cp" -Dbench.out="$out" -Dbench.clientSessions="$sessions" \
      io.wsstack.bench.load.ClientScale
fi

elapsed=$(( $(date +%s) - started ))
{
  cat "$out/machine.md"
  echo "Whole run (build, JMH, load): $((elapsed / 60)) min $((elapsed % 60)) s."
  echo
  [[ -f "$out/jmh.md" ]] && cat "$out/jmh.md"
  if [[ -f "$out/load.md" ]]; then
    cat "$out/load.md"
    echo "![Echo messages per second per server and scenario](benchmarks/load-throughput.svg)"
    echo
  fi
  [[ -f "$out/client-scale.md" ]] && { cat "$out/client-scale.md"; echo; }
} > "$out/results.md"

# Replace what lies between the markers in BENCHMARKS.md with the fresh results.
if [[ -f BENCHMARKS.md ]] && grep -q '<!-- results:begin -->' BENCHMARKS.md; then
  awk -v results="$out/results.md" '
    /<!-- results:begin -->/ { print; while ((getline line < results) > 0) print line; skipping = 1; next }
    /<!-- results:end -->/   { skipping = 0 }
    !skipping { print }' BENCHMARKS.md > BENCHMARKS.md.tmp && mv BENCHMARKS.md.tmp BENCHMARKS.md
fi
echo "== done in $((elapsed / 60)) min $((elapsed % 60)) s; results in benchmarks/results.md"
