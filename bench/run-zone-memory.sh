#!/usr/bin/env bash
# Memory per zone and per record of the embedded responder (issue 13), measured in live heap bytes,
# which other load on the machine does not disturb (unlike wall time or RSS growth policy).
#
# For each zone count it starts ManyZonesPrimary (its own JVM, the flags of the many-zones run,
# no NOTIFY targets) on the small zones of 20 records read from master files, waits for READY,
# and takes `jcmd PID GC.class_histogram` (a full GC first: live objects only) and VmRSS. The
# report gives the live heap at each count and, between the smallest and the largest count, the
# bytes per zone and per record by class (the JVM's and the harness's fixed costs cancel out).
#
#   bench/run-zone-memory.sh                          # 10,000 and 100,000 zones
#   COUNTS="1000 5000" bench/run-zone-memory.sh       # a quick check
#   SKIP_BUILD=1 bench/run-zone-memory.sh             # reuse secdns-benchmarks/target/benchmarks.jar
#   SKIP_BUILD=1 JAR=/tmp/old.jar OUT=/tmp/old bench/run-zone-memory.sh   # another build, compared
#   TARGET=serve bench/run-zone-memory.sh             # `secdns serve --zone-dir` instead (plain
#                                                     # `java -jar`, the same flags), SERVE_JAR=...
#
# With TARGET=serve each count gets a directory of links to the first N zone files, and the JVM is
# `serve --zone-dir` as an operator starts it (no --allow or --notify: the defaults), measured once
# it printed `listening on`.
#
# Writes secdns-benchmarks/target/zone-memory/report.md and one histogram per count beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS="${COUNTS:-10000 100000}"
RECORDS=20
OUT="${OUT:-secdns-benchmarks/target/zone-memory}"
JAR="${JAR:-secdns-benchmarks/target/benchmarks.jar}"
TARGET="${TARGET:-primary}"
SERVE_JAR="${SERVE_JAR:-secdns-examples/target/secdns.jar}"
case "$TARGET" in primary | serve) ;; *) echo "TARGET is primary or serve, not $TARGET" >&2; exit 2 ;; esac
# The many-zones run's flags, plus no dead wood: the serial collector's full GC otherwise leaves up
# to 5% of the old generation as dead objects it does not move (MarkSweepDeadRatio), which the
# histogram counts as int[] fillers (seen: 11 MB at 100,000 zones), charged to the zones.
JVM_FLAGS=(-XX:+UseSerialGC -Xmx2g -Xmn64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20
  -XX:MarkSweepDeadRatio=0)
command -v jcmd >/dev/null 2>&1 || { echo "needs jcmd (a JDK, not a JRE)" >&2; exit 1; }
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -Pbench -DskipTests package -pl secdns-benchmarks -am
  [ "$TARGET" = serve ] && mvn -B -q -DskipTests package -pl secdns-examples -am
fi
mkdir -p "$OUT"
max=0
for n in $COUNTS; do [ "$n" -gt "$max" ] && max=$n; done
if [ ! -f "$OUT/zones/z$((max - 1)).example.zone" ]; then
  java -cp "$JAR" io.github.secdns.benchmarks.zone.SmallZones "$OUT/zones" "$max"
fi

pid=
cleanup() {
  exec 3>&- 2>/dev/null || true
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" || true; fi
  rm -f "$OUT/stdin"
}
trap cleanup EXIT

for n in $COUNTS; do
  if [ "$TARGET" = serve ]; then
    # The first n files, linked (serve reads a whole directory).
    rm -rf "$OUT/dir-$n" && mkdir -p "$OUT/dir-$n"
    zones="$(realpath "$OUT/zones")"
    seq 0 $((n - 1)) | sed "s#.*#$zones/z&.example.zone#" | xargs ln -s -t "$OUT/dir-$n"
    java "${JVM_FLAGS[@]}" -jar "$SERVE_JAR" serve --zone-dir "$OUT/dir-$n" \
      --listen 127.0.0.1:0 --quiet >"$OUT/primary-$n.log" 2>&1 &
    pid=$!
    ready='listening on'
  else
    rm -f "$OUT/stdin" && mkfifo "$OUT/stdin"
    java "${JVM_FLAGS[@]}" -cp "$JAR" io.github.secdns.benchmarks.e2e.ManyZonesPrimary \
      "$OUT/zones" "$n" 0 0 1 <"$OUT/stdin" >"$OUT/primary-$n.log" 2>&1 &
    pid=$!
    exec 3>"$OUT/stdin" # holds its standard input open until `quit`
    ready='^READY'
  fi
  until grep -q "$ready" "$OUT/primary-$n.log"; do
    kill -0 "$pid" 2>/dev/null || { echo "$TARGET $n exited:" >&2; cat "$OUT/primary-$n.log" >&2; exit 1; }
    sleep 1
  done
  jcmd "$pid" GC.class_histogram >"$OUT/histo-$n.txt"
  awk '/^VmRSS/ {print $2}' "/proc/$pid/status" >"$OUT/rss-$n.txt"
  if [ "$TARGET" = serve ]; then
    kill "$pid"
  else
    echo quit >&3
    exec 3>&-
  fi
  wait "$pid" || true
  pid=
  echo "$n zones: live heap $(awk '/^Total/ {print $3}' "$OUT/histo-$n.txt") bytes, RSS $(cat "$OUT/rss-$n.txt") KiB" >&2
done

set -- $COUNTS
lo=$1
hi=$lo
for n in $COUNTS; do hi=$n; done
{
  echo "# Live heap per zone ($RECORDS records each), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "JVM: $(java -version 2>&1 | head -1); flags ${JVM_FLAGS[*]}; no NOTIFY targets; $([ "$TARGET" = serve ] && echo "secdns serve --zone-dir ($SERVE_JAR)" || echo "ManyZonesPrimary ($JAR)")."
  echo
  echo "| zones | live heap (MiB) | RSS (MiB) |"
  echo "|---:|---:|---:|"
  for n in $COUNTS; do
    awk -v n="$n" -v rss="$(cat "$OUT/rss-$n.txt")" \
      '/^Total/ {printf "| %d | %.1f | %.1f |\n", n, $3 / 1048576, rss / 1024}' "$OUT/histo-$n.txt"
  done
  if [ "$lo" != "$hi" ]; then
    echo
    echo "Between $lo and $hi zones, by class (only classes that grow with the zones):"
    echo
    echo "| class | instances per zone | bytes per zone |"
    echo "|---|---:|---:|"
    awk -v lo="$lo" -v hi="$hi" -v records="$RECORDS" '
      $1 ~ /^[0-9]+:$/ { key = $4; if (FILENAME ~ ("histo-" hi ".txt$")) { ib[key] += $2; bb[key] += $3 } else { ia[key] += $2; ba[key] += $3 } }
      /^Total/ { if (FILENAME ~ ("histo-" hi ".txt$")) tb = $3; else ta = $3 }
      END {
        z = hi - lo
        for (k in bb) { d = (bb[k] - ba[k]) / z; if (d >= 1) printf "| %s | %.2f | %.1f |\n", k, (ib[k] - ia[k]) / z, d }
        printf "| **all** | | **%.1f** (%.1f per record) |\n", (tb - ta) / z, (tb - ta) / z / records
      }' "$OUT/histo-$lo.txt" "$OUT/histo-$hi.txt" | sort -t'|' -k4 -g -r
  fi
} >"$OUT/report.md"
cat "$OUT/report.md"
