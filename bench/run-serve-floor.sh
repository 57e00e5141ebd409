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
    # shellcheck disable=SC2086 # $heap is two figures, committed and used
    end_start "$jar" "$i" rss_after_transfers "$after" rss_trimmed "$trimmed" rss_floor "$floor" \
      heap_committed_used $heap
  done
done

python3 "$(dirname "$0")/starts-report.py" "$out/samples.txt" " (MiB)" "RSS after transfers" \
  "after a trim" "after a full collection and a trim" "heap committed" "heap used" > "$out/report.txt"
cat "$out/report.txt"
