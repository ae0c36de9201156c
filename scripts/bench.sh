#!/usr/bin/env bash
# The whole performance comparison in one command (about 20 minutes on 2 cores):
#   1. builds ws-bench (Maven profile `bench`, outside the default build) and its classpath,
#   2. runs the JMH engine benchmarks against their JDK limits (1 fork, 2 x 1 s warm-up, 3 x 1 s),
#   3. runs the load harness: each echo server in its own JVM, driven by a pipelining Netty client
#      that varies every message and checks every echo; server CPU per message, ratios ours ÷ each,
#      latency percentiles, heap per idle connection (see ws-bench/README.md),
#   4. runs the permessage-deflate preset harness (issue 16): our presets through zlib on JDK 25, today's
#      java.util.zip modes and the peers with compression, each server in its own JVM (about 8-9 minutes,
#      every server capped by a time limit, so it cannot hang the run),
#   5. writes benchmarks/{machine,jmh,load,deflate}.md, benchmarks/load-throughput.svg and
#      benchmarks/results.md, and copies results.md into BENCHMARKS.md between its markers.
#
# Measuring one change in about a minute (load only, one server, one scenario, short phases):
#   BENCH_QUICK=1 BENCH_SKIP_JMH=1 BENCH_PEERS=wsstack BENCH_SCENARIOS=20x100x4 scripts/bench.sh
#   ... then the same with your change; compare "CPU µs/msg" in ws-bench/target/bench-results/load.md.
#   Add BENCH_PEERS=wsstack,wsstack-nometers for the meters' cost (BENCH_MEASUREMENTS=meters: alternating
#   rounds and their median ratio, the figure that can tell 5 %), wsstack,netty for the gap to Netty.
#
# Environment knobs:
#   BENCH_QUICK=1         short phases (0.5 s server warm-up, 1 s + 2 s per phase), 500 idle connections,
#                         tiny JMH settings; numbers are for comparing two builds, not for publishing
#   BENCH_PEERS=a,b       servers: wsstack (Tomcat, Actuator meters; the reference), wsstack-loop (its
#                         handlers on the socket loop), wsstack-servlet (Tomcat's servlet upgrade), wsstack-nometers,
#                         wsstack-jetty, wsstack-netty, wsstack-netty-loop (ours on Reactor Netty),
#                         spring, jetty, netty (default all)
#   BENCH_SCENARIOS=...   <size>[KiB]x<connections>x<inFlight>[+deflate], comma-separated
#                         (default 20x100x4,20x100x16,20x1000x1,16KiBx100x1; e.g. 1KiBx100x1+deflate)
#   BENCH_MEASUREMENTS=.. echo, meters (ours with meters on ÷ off only, 15 alternating rounds of 4 s per scenario;
#                         -Dbench.meters.rounds/.measureMillis in BENCH_LOAD_OPTS), idle, and any registered
#                         later (default all)
#   BENCH_IDLE=N          connections of the idle-memory measurement (default 2000)
#   BENCH_WARMUP_MS / BENCH_MEASURE_MS / BENCH_SERVER_WARMUP_MS   phase lengths (default 3000 / 6000 / 1500)
#   BENCH_CLIENT=netty    drive every scenario and the deflate presets with the Netty client (default: the
#                         native C client wsload, built with gcc when present; it speaks permessage-deflate
#                         when zlib's headers are there too: apt-get install zlib1g-dev)
#   BENCH_SKIP_JMH=1      load harness only;  BENCH_SKIP_LOAD=1  JMH only
#   BENCH_SKIP_DEFLATE=1  no deflate preset run (the default when BENCH_PEERS, BENCH_SCENARIOS or BENCH_JMH_ARGS is set;
#                         BENCH_SKIP_DEFLATE=0 runs it then too); BENCH_JAVA25=/path/to/bin/java the JDK 22+ it runs our presets on
#                         (default the Temurin 25 in /usr/lib/jvm); BENCH_DEFLATE_OPTS="-D.." its other settings
#                         (see DeflatePresetHarness, e.g. -Dbench.deflate.presets=DEDICATED_3KB,DEDICATED_8KB)
#   BENCH_SKIP_CLIENT=1   no client-scale run; BENCH_CLIENT_JAVA=/path/to/bin/java runs it on another JDK
#                         (Java 21+ gives the client virtual threads; Java 17 platform threads)
#   BENCH_JMH_ARGS="..."  extra JMH arguments, e.g. "-prof gc SessionCore" (a benchmark regex, a profiler)
#   BENCH_LOAD_OPTS="-D.." any other harness system property (see HarnessSettings)
#   BENCH_SKIP_BUILD=1    reuse the last build of ws-bench (when only run settings changed)
#   BENCH_OUT=dir         where results go. Default: benchmarks/ for a full run (which also refreshes
#                         BENCHMARKS.md), ws-bench/target/bench-results for quick or partial runs
#                         (so they never overwrite the published figures)
#   MAVEN_OFFLINE=1       build with `mvn -o`
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
partial=0
for knob in BENCH_QUICK BENCH_CLIENT BENCH_PEERS BENCH_SCENARIOS BENCH_MEASUREMENTS BENCH_IDLE BENCH_WARMUP_MS \
            BENCH_MEASURE_MS BENCH_SERVER_WARMUP_MS BENCH_SKIP_JMH BENCH_SKIP_LOAD BENCH_SKIP_CLIENT BENCH_JMH_ARGS \
            BENCH_LOAD_OPTS BENCH_SKIP_DEFLATE BENCH_DEFLATE_OPTS; do
  [[ -n "${!knob:-}" ]] && partial=1
done
if [[ $partial == 1 ]]; then
  out="${BENCH_OUT:-$root/ws-bench/target/bench-results}"
else
  out="${BENCH_OUT:-$root/benchmarks}"
fi
mkdir -p "$out"
rm -f "$out/jmh.md" "$out/load.md" "$out/load-throughput.svg" "$out/deflate.md" # results.md shows this run only
echo "results go to $out"
started=$(date +%s)

# 10,000 idle connections need 10,000 descriptors in the server and as many in the load generator.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open file limit: $(ulimit -n)"

offline=()
[[ "${MAVEN_OFFLINE:-}" == 1 ]] && offline=(-o)
if [[ "${BENCH_SKIP_BUILD:-}" != 1 || ! -f "$root/ws-bench/target/classpath.txt" ]]; then
  echo "== build"
  # The reactor build puts this worktree's modules (not whatever is in ~/.m2) on the classpath.
  # Tests are compiled but not run here (scripts/test.sh runs them): -DskipTests, not
  # -Dmaven.test.skip, because ws-spring-boot-reactor-netty needs ws-spring-boot-autoconfigure's
  # test jar, which only a build that compiles tests produces.
  mvn -B -q -ntp "${offline[@]}" -P bench -pl ws-bench -am -DskipTests \
      package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
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

# The native load generator (ws-bench/src/main/c/wsload.c) leaves the CPU to the servers instead of
# competing for it (see ws-bench/README.md). With zlib it drives the compressed connections too.
wsload=()
if [[ "${BENCH_CLIENT:-native}" == native ]] && command -v gcc > /dev/null; then
  if gcc -O2 -Wall -DHAVE_ZLIB -o "$root/ws-bench/target/wsload" "$root/ws-bench/src/main/c/wsload.c" -lm -lz 2> /dev/null; then
    echo "load generator: wsload with permessage-deflate ($("$root/ws-bench/target/wsload" --features))"
  else
    gcc -O2 -Wall -o "$root/ws-bench/target/wsload" "$root/ws-bench/src/main/c/wsload.c" -lm
    echo "load generator: wsload without permessage-deflate (no zlib headers: apt-get install zlib1g-dev);" \
         "compressed connections use the Netty client"
  fi
  wsload=(-Dbench.nativeClient="$root/ws-bench/target/wsload")
else
  echo "load generator: Netty client (BENCH_CLIENT=${BENCH_CLIENT:-native}, gcc: $(command -v gcc || echo none))"
fi

if [[ "${BENCH_SKIP_JMH:-}" != 1 ]]; then
  echo "== JMH"
  if [[ "${BENCH_QUICK:-}" == 1 ]]; then
    jmh=(-f 1 -wi 1 -w 200ms -i 1 -r 300ms)
  else
    jmh=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  fi
  # shellcheck disable=SC2206
  jmh+=(${BENCH_JMH_ARGS:-})
  java -cp "$cp" org.openjdk.jmh.Main "${jmh[@]}" -rf json -rff "$out/jmh.json" | grep -E '^(Benchmark|[A-Za-z0-9]+Benchmark\.)' || true
  java -cp "$cp" io.wsstack.bench.report.JmhReport "$out/jmh.json" "$out/jmh.md" > /dev/null
fi

if [[ "${BENCH_SKIP_LOAD:-}" != 1 ]]; then
  echo "== load"
  load=(-Dbench.out="$out")
  if [[ "${BENCH_QUICK:-}" == 1 ]]; then
    load+=(-Dbench.serverWarmupMillis=500 -Dbench.warmupMillis=1000 -Dbench.measureMillis=2000 -Dbench.idleConnections=500
           -Dbench.meters.measureMillis=2000)
  fi
  [[ -n "${BENCH_PEERS:-}" ]] && load+=(-Dbench.peers="$BENCH_PEERS")
  [[ -n "${BENCH_SCENARIOS:-}" ]] && load+=(-Dbench.scenarios="$BENCH_SCENARIOS")
  [[ -n "${BENCH_MEASUREMENTS:-}" ]] && load+=(-Dbench.measurements="$BENCH_MEASUREMENTS")
  [[ -n "${BENCH_IDLE:-}" ]] && load+=(-Dbench.idleConnections="$BENCH_IDLE")
  [[ -n "${BENCH_WARMUP_MS:-}" ]] && load+=(-Dbench.warmupMillis="$BENCH_WARMUP_MS")
  [[ -n "${BENCH_MEASURE_MS:-}" ]] && load+=(-Dbench.measureMillis="$BENCH_MEASURE_MS")
  [[ -n "${BENCH_SERVER_WARMUP_MS:-}" ]] && load+=(-Dbench.serverWarmupMillis="$BENCH_SERVER_WARMUP_MS")
  load+=("${wsload[@]}")
  # shellcheck disable=SC2206
  java -Xmx2g -cp "$cp" "${load[@]}" ${BENCH_LOAD_OPTS:-} io.wsstack.bench.load.LoadHarness
fi

# A run narrowed to some peers, scenarios or benchmarks is a quick check of one thing: it leaves the deflate
# presets out unless asked for with BENCH_SKIP_DEFLATE=0.
skip_deflate="${BENCH_SKIP_DEFLATE:-}"
if [[ -z "$skip_deflate" && ( -n "${BENCH_PEERS:-}" || -n "${BENCH_SCENARIOS:-}" || -n "${BENCH_JMH_ARGS:-}" ) ]]; then
  skip_deflate=1
  echo "== deflate presets: skipped (BENCH_PEERS, BENCH_SCENARIOS or BENCH_JMH_ARGS narrow this run; BENCH_SKIP_DEFLATE=0 runs them)"
fi
if [[ "$skip_deflate" != 1 ]]; then
  echo "== deflate presets"
  java25="${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
  if [[ -x "$java25" ]]; then
    # The harness runs on JDK 25 (it computes each preset's ratio through the FFM zlib binding); the
    # java.util.zip rows and the peers run on the `java` the rest of this script uses.
    deflate=(-Dbench.out="$out" -Dbench.java25="$java25" -Dbench.java17="$(command -v java)" "${wsload[@]}")
    if [[ "${BENCH_QUICK:-}" == 1 ]]; then
      deflate+=(-Dbench.warmupMillis=2000 -Dbench.deflate.maxWarmupMillis=5000 -Dbench.deflate.rounds=1 -Dbench.measureMillis=2000 -Dbench.deflate.memoryConnections=300)
    fi
    # Each server has its own time limit inside the harness; this is the last resort for the harness itself.
    # shellcheck disable=SC2206
    timeout --kill-after=30s 20m "$java25" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$cp" "${deflate[@]}" \
        ${BENCH_DEFLATE_OPTS:-} io.wsstack.bench.load.DeflatePresetHarness \
      || echo "deflate presets: the harness stopped with status $? (deflate.md holds the rows measured before)"
  else
    printf '### permessage-deflate presets (issue 16)\n\nNot measured: no JDK 22+ at %s (set BENCH_JAVA25).\n\n' \
        "$java25" > "$out/deflate.md"
  fi
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
  echo "Whole run (build, JMH, load, deflate presets, client scale): $((elapsed / 60)) min $((elapsed % 60)) s."
  echo
  [[ -f "$out/jmh.md" ]] && cat "$out/jmh.md"
  if [[ -f "$out/load.md" ]]; then
    cat "$out/load.md"
    echo "![Echo messages per second per server and scenario](benchmarks/load-throughput.svg)"
    echo
  fi
  [[ -f "$out/deflate.md" ]] && cat "$out/deflate.md"
  [[ -f "$out/client-scale.md" ]] && { cat "$out/client-scale.md"; echo; }
} > "$out/results.md"

# A full run replaces what lies between the markers in BENCHMARKS.md with the fresh results.
if [[ $partial == 0 && "$out" == "$root/benchmarks" && -f BENCHMARKS.md ]] && grep -q '<!-- results:begin -->' BENCHMARKS.md; then
  awk -v results="$out/results.md" '
    /<!-- results:begin -->/ { print; while ((getline line < results) > 0) print line; skipping = 1; next }
    /<!-- results:end -->/   { skipping = 0 }
    !skipping { print }' BENCHMARKS.md > BENCHMARKS.md.tmp && mv BENCHMARKS.md.tmp BENCHMARKS.md
fi
echo "== done in $((elapsed / 60)) min $((elapsed % 60)) s; results in $out/results.md"
