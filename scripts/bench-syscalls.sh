#!/usr/bin/env bash
# Where one echoed message's CPU goes, per server: system calls and context switches per message.
#
# The load harness (scripts/bench.sh) says how much CPU a server spends per echoed message; this says
# what it spends it on, in counts that do not depend on how busy the machine is: reads, writes,
# epoll_wait/epoll_ctl and futex calls (thread wake-ups and parks), and context switches, each divided
# by the echoes of the measured window. It starts each server as the harness does (its own JVM, the
# harness's heap options, a free port), drives it with the native client wsload (C, one epoll thread,
# every echo checked), and counts with perf's syscall tracepoints (root or perf_event_paranoid <= 1),
# or with strace -c -f when perf cannot (strace slows the server a lot: read its counts, not its rates).
#
#   scripts/bench-syscalls.sh [peer ...]          default: wsstack wsstack-loop netty
#   env BENCH_SYSCALLS_CONNS=1000 BENCH_SYSCALLS_INFLIGHT=1 BENCH_SYSCALLS_SIZE=20
#       BENCH_SYSCALLS_WARMUP_MS=10000 BENCH_SYSCALLS_MEASURE_MS=6000  the scenario and its phases
#   env BENCH_SKIP_BUILD=1                        reuse the last ws-bench build (as scripts/bench.sh)
#
# Peers: wsstack (Tomcat socket takeover, worker dispatch: quick handler runs on the socket loop after its
# pass, slow ones on handler threads; Actuator meters), wsstack-loop
# (handlers on the socket loop), wsstack-servlet, wsstack-jetty, spring, jetty, netty.
# It is a load run: on a shared machine take the bench lock first, as for scripts/bench.sh
# (flock /work/wt/_notes/bench.lock scripts/bench-syscalls.sh ...). The CPU µs/msg column is as noisy as
# any timing on a shared machine; the counts are what this script is for.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
conns=${BENCH_SYSCALLS_CONNS:-1000}
inflight=${BENCH_SYSCALLS_INFLIGHT:-1}
size=${BENCH_SYSCALLS_SIZE:-20}
warmup=${BENCH_SYSCALLS_WARMUP_MS:-10000}
measure=${BENCH_SYSCALLS_MEASURE_MS:-6000}
peers=("$@")
[[ ${#peers[@]} == 0 ]] && peers=(wsstack wsstack-loop netty)

if [[ "${BENCH_SKIP_BUILD:-}" != 1 || ! -f "$root/ws-bench/target/classpath.txt" ]]; then
  mvn -B -q -ntp -P bench -pl ws-bench -am -DskipTests \
      package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
cp="$root/ws-bench/target/classes:$(cat "$root/ws-bench/target/classpath.txt")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -Wall -o "$work/wsload" "$root/ws-bench/src/main/c/wsload.c" -lm

# The payload file wsload reads: u32 count, then per message u32 length + bytes (little-endian);
# 64 texts of size ±25 %, as the harness varies them.
python3 - "$work/payloads.bin" "$size" <<'PY'
import random, struct, sys
rng = random.Random(6455)
size = int(sys.argv[2])
with open(sys.argv[1], 'wb') as out:
    out.write(struct.pack('<I', 64))
    for _ in range(64):
        n = max(1, rng.randint(size * 3 // 4, size * 5 // 4))
        text = bytes(rng.choice(b'abcdefghijklmnopqrstuvwxyz ') for _ in range(n))
        out.write(struct.pack('<I', n) + text)
PY

use_perf=0
if perf stat -e syscalls:sys_enter_futex -- true > /dev/null 2>&1; then
  use_perf=1
elif ! command -v strace > /dev/null; then
  echo "neither perf (with syscall tracepoints) nor strace: nothing to count with" >&2
  exit 1
fi
calls=(read write writev epoll_wait epoll_pwait epoll_ctl futex)

server_for() {
  local ours=io.wsstack.bench.server.ours.WsstackEchoServer
  case "$1" in
    wsstack) echo "$ours tomcat meters" ;;
    wsstack-loop) echo "$ours tomcat meters --ws.endpoints.echo.handler-dispatch=event-loop" ;;
    wsstack-servlet) echo "$ours tomcat meters --ws.tomcat.socket-takeover=false" ;;
    wsstack-jetty) echo "$ours jetty meters" ;;
    spring) echo "io.wsstack.bench.server.spring.SpringEchoServer" ;;
    jetty) echo "io.wsstack.bench.server.JettyEchoServer" ;;
    netty) echo "io.wsstack.bench.server.NettyEchoServer" ;;
    *) echo "unknown peer $1" >&2; return 1 ;;
  esac
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
switches() { cat /proc/"$1"/task/*/status 2> /dev/null | awk '/ctxt_switches/ {s += $2} END {print s}'; }

printf '%s\n\n' "### System calls per echoed message: $conns conns × $size B, $inflight in flight ($(date -u '+%Y-%m-%d %H:%M') UTC, load $(cut -d' ' -f1 /proc/loadavg))"
printf '| Server | msg/s | CPU µs/msg | context switches |'
printf ' %s |' "${calls[@]}"
printf '\n|---|---:|---:|---:|'
printf -- '---:|%.0s' "${calls[@]}"
printf '\n'
for peer in "${peers[@]}"; do
  read -r -a server <<< "$(server_for "$peer")"
  # a free pair: the server listens on port, its admin port on port + 1 (as the harness's FreePorts.pair)
  port=$(python3 -c '
import socket
while True:
    a = socket.socket(); a.bind(("127.0.0.1", 0)); port = a.getsockname()[1]
    try:
        b = socket.socket(); b.bind(("127.0.0.1", port + 1)); b.close(); a.close(); print(port); break
    except OSError:
        a.close()')
  java -Xms256m -Xmx2g -XX:+UseG1GC -cp "$cp" "${server[0]}" "$port" "${server[@]:1}" > "$work/$peer.log" 2>&1 &
  pid=$!
  # ready once its admin port (port + 1) accepts connections, as the harness waits
  ready=0
  for _ in $(seq 1 600); do
    (exec 3<> "/dev/tcp/127.0.0.1/$((port + 1))") 2> /dev/null && { ready=1; break; }
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.5
  done
  if [[ $ready != 1 ]]; then
    echo "$peer did not start:"
    tail -20 "$work/$peer.log"
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    continue
  fi
  coproc LOAD { "$work/wsload" 127.0.0.1 "$port" /echo "$conns"; }
  read -r line <&"${LOAD[0]}"
  [[ "$line" == READY ]] || { echo "$peer: $line"; kill "$pid"; wait "$pid" 2> /dev/null || true; continue; }
  echo "PHASE $inflight $warmup $measure $work/payloads.bin 7" >&"${LOAD[1]}"
  read -r line <&"${LOAD[0]}" # MEASURE: the window opens
  ticks0=$(cpu_ticks "$pid")
  switches0=$(switches "$pid")
  if [[ $use_perf == 1 ]]; then
    events=$(printf 'syscalls:sys_enter_%s,' "${calls[@]}")
    perf stat -x, -e "${events%,}" -p "$pid" -o "$work/counts" -- sleep "$(awk "BEGIN {print $measure / 1000 - 0.1}")"
  else
    timeout -s INT "$(awk "BEGIN {print $measure / 1000 - 0.1}")" strace -c -f -p "$pid" -o "$work/counts" || true
  fi
  read -r line <&"${LOAD[0]}" # END: the window closed
  ticks1=$(cpu_ticks "$pid")
  switches1=$(switches "$pid")
  read -r result <&"${LOAD[0]}" # RESULT <messages> <wrongEchoes> <lostConnections> ...
  echo QUIT >&"${LOAD[1]}"
  wait "$LOAD_PID" 2> /dev/null || true
  kill "$pid"
  wait "$pid" 2> /dev/null || true
  read -r _ messages wrong lost _ <<< "$result"
  if [[ "$wrong" != 0 || "$lost" != 0 || "$messages" == 0 ]]; then
    echo "| $peer | $result |"
    continue
  fi
  python3 - "$peer" "$messages" "$measure" "$((ticks1 - ticks0))" "$((switches1 - switches0))" "$use_perf" \
      "$work/counts" "$(getconf CLK_TCK)" "${calls[@]}" <<'PY'
import re, sys
peer, messages, measure, ticks, switches, use_perf, counts, hz = sys.argv[1:9]
calls = sys.argv[9:]
messages, ticks, switches = int(messages), int(ticks), int(switches)
found = {}
for line in open(counts):
    if use_perf == '1':  # CSV: value,unit,event,...
        fields = line.strip().split(',')
        if len(fields) > 2 and fields[2].startswith('syscalls:sys_enter_') and fields[0].isdigit():
            found[fields[2][len('syscalls:sys_enter_'):]] = int(fields[0])
    else:  # strace -c table: % time, seconds, usecs/call, calls, [errors], syscall
        fields = line.split()
        if len(fields) >= 5 and re.match(r'^[\d.]+$', fields[0]) and fields[-1] in calls:
            found[fields[-1]] = int(fields[3])
cells = ' | '.join(f"{found.get(c, 0) / messages:.2f}" for c in calls)
print(f"| {peer} | {messages * 1000 / int(measure):,.0f} | {ticks * 1e6 / int(hz) / messages:.1f} | "
      f"{switches / messages:.2f} | {cells} |")
PY
done
echo
echo "Counts are per echoed message over the measured window (the perf/strace window is 0.1 s shorter);"
echo "'context switches' sums every thread's voluntary and involuntary switches."
