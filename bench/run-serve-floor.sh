#!/usr/bin/env bash
# How low `secdns serve --zone-dir` can go after a round of transfers (issue 13's RSS goal): per
# start, plain `java -jar JAR serve` on DIR; once `listening on`, every zone transferred once
# (bench/axfr-every-zone.py); then VmRSS as it is, after `jcmd System.trim_native_heap`, and after
# `jcmd GC.run` (a full collection), 3 s for G1 to uncommit, and a second trim, with G1's committed and used heap after the
# full collection (`jcmd GC.heap_info`). Jars interleaved; one line per start, p50 / p99 per jar.
#
#   bench/run-serve-floor.sh DIR STARTS OUT A.jar [B.jar ...]
#   HISTOGRAM=1 bench/run-serve-floor.sh ...   # also OUT/histogram-JAR-START.txt: the live objects
#                                              # by class after the transfers (jcmd GC.class_histogram)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$(dirname "$0")/serve-starts.sh"
starts_arguments "$0" "$@"
shift 3

rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }

for i in $(seq "$starts"); do
  for jar in "$@"; do
    start_serve "$jar" "$dir" "$out/serve.out"
    "$here/axfr-every-zone.py" "$port" "$dir" > "$out/client.out"
    after=$(rss "$pid")
    jcmd "$pid" System.trim_native_heap > /dev/null
    trimmed=$(rss "$pid")
    if [ -n "${HISTOGRAM:-}" ]; then
      # A full collection of its own first: the live objects after every zone's transfer.
      jcmd "$pid" GC.class_histogram > "$out/histogram-$(basename "$jar" .jar)-$i.txt"
    fi
    jcmd "$pid" GC.run > /dev/null
    sleep 3 # G1 gives the shrunk heap's regions back on a thread of its own, after the collection
    jcmd "$pid" System.trim_native_heap > /dev/null
    floor=$(rss "$pid")
    # "garbage-first heap   total 212992K, used 160857K [...": committed and used, in MiB.
    heap=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap|def new generation|tenured/ {
      gsub(/K,?/, "", $4); gsub(/K/, "", $6); c += $4; u += $6 } END {print int(c / 1024), int(u / 1024)}')
    kill "$pid"
    wait "$pid" || true
    pid=
    echo "$(basename "$jar") start $i rss_after_transfers $after rss_trimmed $trimmed rss_floor $floor heap_committed_used $heap" | tee -a "$out/samples.txt"
  done
done

python3 - "$out/samples.txt" > "$out/report.txt" <<'PY'
import math, sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    rows.setdefault(f[0], []).append(
        {"RSS after transfers": int(f[4]), "after a trim": int(f[6]),
         "after a full collection and a trim": int(f[8]), "heap committed": int(f[10]), "heap used": int(f[11])})
def rank(values, q):
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)]
for jar, samples in rows.items():
    print(f"{jar}: {len(samples)} starts (MiB)")
    for key in samples[0]:
        v = [s[key] for s in samples]
        print(f"  {key}: p50 {rank(v, 0.5)} p99 {rank(v, 0.99)} min {min(v)} max {max(v)}")
PY
cat "$out/report.txt"
