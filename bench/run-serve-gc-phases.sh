#!/usr/bin/env bash
# Issue 13: what G1's young pauses spend while `secdns serve --zone-dir` transfers every zone, builds
# compared: one start per jar (a look, not a round: one start each), with G1's phase log
# (-Xlog:gc*,gc+phases=debug to a file, which changes nothing else); 10 s after `listening on`
# every zone is transferred once (pass 1, zones never transferred) and, 5 s later, again (pass 2),
# with bench/axfr-every-zone.py (one TCP connection per AXFR). Per pass: the young pauses, their
# p50 and greatest duration and their sum, the p50 of their "Scan Heap Roots" phase (the cards of
# old objects that point at young ones: the cost of a long-lived object holding a new one) and of
# the cards scanned; then VmRSS at the end of each pass and 15 s later.
#
#   bench/run-serve-gc-phases.sh DIR OUT JAR...        # e.g. /tmp/zd100k /tmp/gc a.jar b.jar
#
# DIR: SmallZones files (java -cp secdns-benchmarks/target/benchmarks.jar
# io.github.secdns.benchmarks.zone.SmallZones DIR COUNT); OUT gets each start's GC log and a
# summary. Needs python3 and a JDK (jcmd). Run it on an idle machine; it talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1; out=$2; shift 2
mkdir -p "$out"
client=bench/axfr-every-zone.py
zones=$(find "$dir" -maxdepth 1 -name '*.zone' | wc -l)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

uptime_s() { jcmd "$pid" VM.uptime | tail -1 | awk '{print $1}' | tr -d s; }
rss() { awk '/VmRSS/ {print int($2 / 1024)}' /proc/"$pid"/status; }

for jar in "$@"; do
  name=$(basename "$jar" .jar)
  gc="$out/$name.gc"; marks="$out/$name.marks"; serve="$out/$name.serve"
  while true; do
    port=$((20000 + RANDOM % 10000))
    : > "$serve"
    java -Xlog:gc*,gc+phases=debug:file="$gc":uptime -jar "$jar" serve --zone-dir "$dir" \
      --listen "127.0.0.1:$port" --quiet >> "$serve" 2>&1 &
    pid=$!
    until grep -q 'listening on\|cannot listen' "$serve" 2>/dev/null; do sleep 0.1; done
    grep -q 'listening on' "$serve" && break
    wait "$pid" || true # the port was taken: another one
  done
  sleep 10
  {
    echo "pass1 $(uptime_s)"
    python3 "$client" "$port" "$dir" "$zones" > /dev/null
    echo "pass1-end $(uptime_s) $(rss)"
    sleep 5
    echo "pass2 $(uptime_s)"
    python3 "$client" "$port" "$dir" "$zones" > /dev/null
    echo "pass2-end $(uptime_s) $(rss)"
    sleep 15
    echo "settled $(uptime_s) $(rss)"
  } > "$marks"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pid=
  python3 - "$gc" "$marks" "$name" <<'EOF' | tee -a "$out/summary.txt"
import re, sys
gc, marks_file, name = sys.argv[1:4]
marks = {}
for line in open(marks_file):
    f = line.split()
    marks[f[0]] = [float(x) for x in f[1:]]
pauses = {}
for line in open(gc):
    m = re.match(r'\[(\d+\.\d+)s\].*GC\((\d+)\) Pause Young.* (\d+\.\d+)ms$', line)
    if m:
        pauses.setdefault(m.group(2), {})['at'] = float(m.group(1))
        pauses[m.group(2)]['ms'] = float(m.group(3))
    m = re.match(r'.*GC\((\d+)\)\s+Scan Heap Roots \(ms\):.*Max:\s*([\d.]+)', line)
    if m:
        pauses.setdefault(m.group(1), {})['scan'] = float(m.group(2))
    m = re.match(r'.*GC\((\d+)\)\s+Scanned Cards:.*Sum:\s*(\d+)', line)
    if m:
        pauses.setdefault(m.group(1), {})['cards'] = int(m.group(2))
def p50(v):
    v = sorted(v)
    return v[len(v) // 2] if v else float('nan')
for w in ('pass1', 'pass2'):
    start, end = marks[w][0], marks[w + '-end'][0]
    sel = [p for p in pauses.values() if 'at' in p and start <= p['at'] <= end]
    ms = [p['ms'] for p in sel]
    print('%s %s: %d young pauses in %.1f s, p50 %.1f ms, max %.1f, sum %.0f; Scan Heap Roots p50 %.1f ms;'
          ' cards scanned p50 %d; RSS at its end %d MiB' % (
              name, w, len(sel), end - start, p50(ms), max(ms) if ms else float('nan'), sum(ms),
              p50([p['scan'] for p in sel if 'scan' in p]), p50([p['cards'] for p in sel if 'cards' in p]),
              marks[w + '-end'][1]))
print('%s: RSS 15 s after pass 2: %d MiB' % (name, marks['settled'][1]))
EOF
done
