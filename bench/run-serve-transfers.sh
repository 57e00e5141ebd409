#!/usr/bin/env bash
# Issue 13: what transferring every zone costs `secdns serve --zone-dir` as operators start it
# (plain `java -jar`), compared between builds: starts interleaved (A, B, A, B, ...), each one
# 10 s after `listening on` transferring every zone once (pass 1, zones never transferred) and
# again in the same order (pass 2), with bench/axfr-every-zone.py (one TCP connection per AXFR).
# Per pass: the CPU of the process, of its I/O thread and of G1's concurrent marking threads
# (utime + stime ticks from /proc), the concurrent cycles started (-Xlog:gc to a file, which
# changes nothing else), the transfers per second, VmRSS before and after. Writes one line per
# start to OUT and, at the end, p50/p99 per build and pass (nearest rank).
#
#   bench/run-serve-transfers.sh DIR STARTS OUT JAR...        # e.g. /tmp/zd100k 20 /tmp/t.txt a.jar b.jar
#   MODE=allocation bench/run-serve-transfers.sh DIR N OUT JAR...
#   JAVA_OPTS="-XX:+UseSerialGC" bench/run-serve-transfers.sh ...   # JVM options for every start
#
# MODE=allocation: one start per jar; N zones transferred once to warm up, then the same N again
# inside a JFR recording of jdk.ThreadAllocationStatistics: the octets each thread allocated per
# transfer (the I/O thread's is the figure). DIR: SmallZones files (java -cp
# secdns-benchmarks/target/benchmarks.jar io.github.secdns.benchmarks.zone.SmallZones DIR COUNT).
# Needs python3 and a JDK (jcmd, jfr). Run it on an idle machine; it talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1; n=$2; out=$3; shift 3
client=bench/axfr-every-zone.py
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Starts serve from $1 with JVM options $2; sets pid and port.
start() {
  while true; do
    port=$((20000 + RANDOM % 10000))
    # shellcheck disable=SC2086
    # Emptied here, not by the redirection below: that one truncates in the child, after this
    # shell may already have read the previous start's "listening on" (it then waited for good).
    : > "$work/serve.out"
    java $2 -jar "$1" serve --zone-dir "$dir" --listen "127.0.0.1:$port" --quiet >> "$work/serve.out" 2>&1 &
    pid=$!
    until grep -q 'listening on\|cannot listen' "$work/serve.out" 2>/dev/null; do sleep 0.1; done
    grep -q 'listening on' "$work/serve.out" && return
    wait "$pid" || true # the port was taken: another one
  done
}

stop() {
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
}

# Per thread name (spaces as _): utime and stime ticks, summed over threads of that name.
threads() {
  for t in /proc/"$1"/task/*; do
    # A thread may end meanwhile (the JVM retires idle compiler threads): skip it, do not stop.
    name=$(tr ' ' '_' 2>/dev/null < "$t/comm") || continue
    stat=$(sed 's/.*) //' 2>/dev/null < "$t/stat") || continue
    echo "$name $(echo "$stat" | awk '{print $12, $13}')"
  done | awk '{u[$1] += $2; s[$1] += $3} END {for (k in u) print k, u[k] + s[k]}' | LC_ALL=C sort
}

ticks() { sed 's/.*) //' /proc/"$1"/stat | awk '{print $12 + $13}'; }
rss() { awk '/VmRSS/ {print int($2 / 1024)}' /proc/"$1"/status; }

if [ "${MODE:-passes}" = allocation ]; then
  for jar in "$@"; do
    start "$jar" "${JAVA_OPTS:-}"
    sleep 2
    python3 "$client" "$port" "$dir" "$n" > /dev/null
    jcmd "$pid" JFR.start name=alloc settings=none +jdk.ThreadAllocationStatistics#enabled=true \
      filename="$work/alloc.jfr" > /dev/null
    python3 "$client" "$port" "$dir" "$n" > "$work/client.out"
    jcmd "$pid" JFR.stop name=alloc > /dev/null
    stop
    jfr print --json --events jdk.ThreadAllocationStatistics "$work/alloc.jfr" | python3 -c "
import collections, json, sys
events = json.load(sys.stdin)['recording']['events']
by = collections.defaultdict(list)
for e in events:
    t = e['values']['thread']
    by[t['javaName'] if t else '?'].append(e['values']['allocated'])
for name, values in sorted(by.items()):
    if max(values) - min(values) > 1e6:
        print('$(basename "$jar")', name, round((max(values) - min(values)) / $n), 'octets per transfer')
" | tee -a "$out"
  done
  exit 0
fi

for i in $(seq "$n"); do
  for jar in "$@"; do
    start "$jar" "${JAVA_OPTS:-} -Xlog:gc:file=$work/gc.log"
    sleep 10
    line="$(basename "$jar") start $i"
    for pass in 1 2; do
      r0=$(rss "$pid"); c0=$(ticks "$pid"); threads "$pid" > "$work/t0"
      s0=$(grep -c 'Concurrent Start' "$work/gc.log" || true)
      t0=$(date +%s.%N)
      python3 "$client" "$port" "$dir" > "$work/client.out"
      t1=$(date +%s.%N)
      s1=$(grep -c 'Concurrent Start' "$work/gc.log" || true)
      threads "$pid" > "$work/t1"; c1=$(ticks "$pid"); r1=$(rss "$pid")
      io=$(LC_ALL=C join "$work/t0" "$work/t1" | awk '$1 == "secdns-axfr-io" {print $3 - $2}')
      conc=$(LC_ALL=C join "$work/t0" "$work/t1" | awk '$1 ~ /^G1_Conc/ {s += $3 - $2} END {print s + 0}')
      ok=$(awk '{print $4}' "$work/client.out")
      line="$line | pass $pass ok $ok proc $((c1 - c0)) io $io conc $conc starts $((s1 - s0)) wall $(echo "$t1 - $t0" | bc) rss $r0 $r1"
    done
    echo "$line" >> "$out"
    stop
  done
done
python3 - "$out" <<'PY'
import collections, math, re, sys
rows = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    parts = line.strip().split(' | ')
    for p in parts[1:]:
        m = re.match(r'pass (\d) ok (\d+) proc (\d+) io (\d+) conc (\d+) starts (\d+) wall ([\d.]+) rss (\d+) (\d+)', p)
        ps, ok, proc, io, conc, st, wall, r0, r1 = m.groups()
        ok = int(ok)
        d = rows[(parts[0].split()[0], ps)]
        d['process µs/AXFR'].append(int(proc) * 1e4 / ok)
        d['I/O thread µs/AXFR'].append(int(io) * 1e4 / ok)
        d['G1 Conc µs/AXFR'].append(int(conc) * 1e4 / ok)
        d['cycles started'].append(int(st))
        d['AXFR/s'].append(ok / float(wall))
        d['RSS before MiB'].append(int(r0))
        d['RSS after MiB'].append(int(r1))
def pct(v, q):
    v = sorted(v)
    return v[max(0, math.ceil(q * len(v)) - 1)]
keys = list(next(iter(rows.values())).keys())
print('| build | pass | starts | ' + ' | '.join(k + ' p50 / p99' for k in keys) + ' |')
print('|' + '---|' * (len(keys) + 3))
for (jar, ps), d in sorted(rows.items(), key=lambda x: (x[0][1], x[0][0])):
    cells = [('%.1f / %.1f' if 'µs' in k else '%.0f / %.0f') % (pct(d[k], .5), pct(d[k], .99)) for k in keys]
    print('| %s | %s | %d | %s |' % (jar, ps, len(d[keys[0]]), ' | '.join(cells)))
PY
