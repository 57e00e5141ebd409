#!/usr/bin/env bash
# The system calls `secdns serve --zone-dir` makes per AXFR (a count, not a cost: strace slows every
# call), compared between builds: per jar one start on DIR, N zones transferred once to warm up
# (bench/axfr-every-zone.py, one TCP connection per AXFR), then `strace -f -c` of the whole process
# around the same N again (zones transferred before). Prints, per jar, the calls per AXFR by name,
# and writes strace's tables to OUT/NAME.strace.
#
#   bench/run-serve-syscalls.sh DIR N OUT JAR...     # e.g. /tmp/zd10k 2000 /tmp/sc a.jar b.jar
#
# DIR: SmallZones files (java -cp secdns-benchmarks/target/benchmarks.jar
# io.github.secdns.benchmarks.zone.SmallZones DIR COUNT). Needs strace and python3. Talks to
# 127.0.0.1 only. The calls of G1's threads (futex, gettid, getrusage) follow its cycles, not the
# transfers: they vary from start to start.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { echo "usage: $0 DIR N OUT JAR..." >&2; exit 2; }
command -v strace >/dev/null 2>&1 || { echo "needs strace (apt-get install strace)" >&2; exit 1; }
dir=$1 n=$2 out=$3
shift 3
mkdir -p "$out"
for jar in "$@"; do
  name=$(basename "$jar" .jar)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  log="$out/$name.serve.log"
  java -jar "$jar" serve --zone-dir "$dir" --listen "127.0.0.1:$port" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q "listening on" "$log" && break
    kill -0 "$pid" 2>/dev/null || { echo "$name: serve ended before listening (see $log)" >&2; exit 1; }
    sleep 0.2
  done
  python3 bench/axfr-every-zone.py "$port" "$dir" "$n" >/dev/null
  strace -f -c -o "$out/$name.strace" -p "$pid" 2>/dev/null &
  tracer=$!
  sleep 1 # strace attaches to every thread before the transfers begin
  python3 bench/axfr-every-zone.py "$port" "$dir" "$n" >"$out/$name.client"
  kill -INT "$tracer"
  wait "$tracer" || true
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  printf '%s (%s):' "$name" "$(cat "$out/$name.client")"
  # strace -c columns: % time, seconds, usecs/call, calls, [errors], syscall
  awk -v n="$n" '$1 ~ /^[0-9.]+$/ && NF >= 5 { printf " %s %.2f", $NF, $4 / n }' "$out/$name.strace"
  echo
done
