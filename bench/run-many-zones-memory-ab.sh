#!/usr/bin/env bash
# `secdns serve --zone-dir`'s memory over many starts, two or more builds interleaved (issue 13):
# one start of ManyZonesMemory (serve only, the readings of run-many-zones-memory.sh: every zone
# answered, 15 s later, right after every zone's AXFR, 15 s after that) per build in turn, so that
# the machine's drift falls on every build alike; then p50 / p99 / min / max per build and reading.
#
#   bench/run-many-zones-memory-ab.sh DIR STARTS OUT A.jar B.jar [C.jar ...]
#
# DIR holds the zone files (SmallZones), OUT gets one log per start, samples.txt (a line per start)
# and report.txt. Needs secdns-benchmarks/target/benchmarks.jar (mvn -B -Pbench -DskipTests package
# -pl secdns-benchmarks -am).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 5 ] || { echo "usage: $0 DIR STARTS OUT A.jar B.jar [C.jar ...]" >&2; exit 2; }
dir=$1 starts=$2 out=$3
shift 3
mkdir -p "$out"
: >"$out/samples.txt"
zones=$(find "$dir" -maxdepth 1 -name '*.zone' | wc -l)
for i in $(seq 1 "$starts"); do
  for jar in "$@"; do
    name=$(basename "$jar" .jar)
    log="$out/$name-$i.log"
    SKIP_BUILD=1 bench/run-many-zones-memory.sh --zones "$zones" --starts 1 --zones-dir "$dir" \
      --servers "secdns serve" --serve-jar "$jar" --out "$out/$name-$i.md" >"$log" 2>&1
    # "secdns serve start 1: RSS MiB [a, b, c, d]" -> "NAME start I answered a later b axfr c after d"
    grep -m1 'secdns serve start 1: RSS MiB' "$log" | tr -d '[],' |
      awk -v n="$name" -v i="$i" '{print n, "start", i, "answered", $(NF-3), "later", $(NF-2), "axfr", $(NF-1), "after", $NF}' \
        >>"$out/samples.txt"
  done
done
bench/starts-report.py "$out/samples.txt" " (RSS MiB, $zones zones)" \
  "every zone answered" "15 s later" "right after every zone's AXFR" "15 s after the AXFRs" |
  tee "$out/report.txt"
