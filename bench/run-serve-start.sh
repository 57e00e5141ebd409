#!/usr/bin/env bash
# How long `secdns serve --zone-dir` takes from its start to `listening on` (every zone servable),
# as an operator starts it (plain `java -jar`, no JVM flag), compared between builds: interleaved
# starts (A, B, ... then again), each stopped as soon as it listens. Issue 13's "every zone
# servable in at most Knot's time" is measured on one core by the many-zones harness; this script
# runs serve alone, pinned the same way, so that builds can be compared over many starts (the
# harness starts each server once). Prints one line per start and, at the end, p50 and p99 per jar.
#
#   bench/run-serve-start.sh DIR STARTS OUT A.jar B.jar ...
#   SERVE_CPUS= bench/run-serve-start.sh ...        # unpinned (default: SERVE_CPUS=0, one core)
#
# DIR holds the zone files (io.github.secdns.benchmarks.zone.SmallZones DIR N writes N of them);
# OUT is a directory for the per-start lines (samples.txt) and the report (report.txt).
set -euo pipefail
. "$(dirname "$0")/serve-starts.sh"
starts_arguments "$0" "$@"
shift 3
export SERVE_CPUS=${SERVE_CPUS-0}

for i in $(seq "$starts"); do
  for jar in "$@"; do
    began=$(date +%s%N)
    start_serve "$jar" "$dir" "$out/serve.out"
    listened=$(date +%s%N)
    end_start "$jar" "$i" listening_ms "$(((listened - began) / 1000000))"
  done
done

python3 "$(dirname "$0")/starts-report.py" "$out/samples.txt" " (CPUs ${SERVE_CPUS:-all})" \
  "start -> listening ms" > "$out/report.txt"
cat "$out/report.txt"
