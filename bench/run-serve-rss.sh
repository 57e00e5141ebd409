#!/usr/bin/env bash
# The memory of `secdns serve --zone-dir` as an operator starts it (plain `java -jar`, no JVM flag),
# compared between builds (issue 13's RSS goal): interleaved starts (A, B, ... then again), each
# measured at `listening on`, 3 s and 15 s later: VmRSS and PSS (/proc/PID/smaps_rollup), and the
# seconds from start to `listening on`. Nothing else is asked of `serve` (no transfer, no NOTIFY:
# --quiet, no --notify). Prints one line per start and, at the end, p50 and p99 per jar.
#
#   bench/run-serve-rss.sh DIR STARTS OUT A.jar B.jar ...
#
# DIR holds the zone files (io.github.secdns.benchmarks.zone.SmallZones DIR N writes N of them);
# OUT is a directory for the per-start lines (samples.txt) and the report (report.txt).
set -euo pipefail
. "$(dirname "$0")/serve-starts.sh"
starts_arguments "$0" "$@"
shift 3

for i in $(seq "$starts"); do
  for jar in "$@"; do
    began=$(date +%s.%N)
    start_serve "$jar" "$dir" "$out/serve.out"
    listened=$(date +%s.%N)
    m0=$(memory "$pid")
    sleep 3
    m3=$(memory "$pid")
    sleep 12
    m15=$(memory "$pid")
    seconds=$(echo "$listened - $began" | bc)
    end_start "$jar" "$i" listening_s "$seconds" rss_pss_at_listening "$m0" rss_pss_3s "$m3" \
      rss_pss_15s "$m15"
  done
done

# p50 and p99 (nearest rank) per jar of each column.
python3 "$(dirname "$0")/starts-report.py" "$out/samples.txt" "" "start -> listening s" \
  "RSS at listening" "PSS at listening" "RSS +3 s" "PSS +3 s" "RSS +15 s" "PSS +15 s" > "$out/report.txt"
cat "$out/report.txt"
