#!/usr/bin/env bash
# The CPU and memory of an idle `secdns serve --zone-dir` as an operator starts it (plain `java
# -jar`, no JVM flag), compared between builds: interleaved starts (A, B, ... then again), each left
# alone from `listening on` (no query, no NOTIFY: --quiet, no --notify) while its directory watcher
# rescans and its memory release runs: VmRSS at +10 s, +60 s and +IDLE_SECONDS s (default 130), and
# the process's CPU (utime + stime ticks of /proc/PID/stat) from +10 s to +IDLE_SECONDS s, in
# percent of one core. Prints one line per start and, at the end, p50 and p99 per jar.
#
#   [IDLE_SECONDS=130] bench/run-serve-idle.sh DIR STARTS OUT A.jar B.jar ...
#
# DIR holds the zone files (io.github.secdns.benchmarks.zone.SmallZones DIR N writes N of them);
# OUT is a directory for the per-start lines (samples.txt) and the report (report.txt).
set -euo pipefail
. "$(dirname "$0")/serve-starts.sh"
starts_arguments "$0" "$@"
shift 3
idle=${IDLE_SECONDS:-130}
if [ "$idle" -le 60 ]; then
  echo "IDLE_SECONDS must be above 60: $idle" >&2
  exit 2
fi
hz=$(getconf CLK_TCK)

rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

for i in $(seq "$starts"); do
  for jar in "$@"; do
    start_serve "$jar" "$dir" "$out/serve.out"
    sleep 10
    t10=$(ticks "$pid")
    r10=$(rss "$pid")
    sleep 50
    r60=$(rss "$pid")
    sleep $((idle - 60))
    t_end=$(ticks "$pid")
    r_end=$(rss "$pid")
    cpu=$(echo "scale=2; 100 * ($t_end - $t10) / $hz / ($idle - 10)" | bc)
    end_start "$jar" "$i" rss_10s "$r10" rss_60s "$r60" "rss_${idle}s" "$r_end" \
      "cpu_percent_10s_to_${idle}s" "$cpu"
  done
done

python3 "$(dirname "$0")/starts-report.py" "$out/samples.txt" "" "RSS +10 s MiB" "RSS +60 s MiB" \
  "RSS +$idle s MiB" "CPU +10 s to +$idle s, % of a core" > "$out/report.txt"
cat "$out/report.txt"
