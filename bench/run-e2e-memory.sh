#!/usr/bin/env bash
# The memory of the embedded host (EmbeddedPrimary, the end-to-end harness's secdns) and of knotd
# serving one generated zone, over many starts of the end-to-end harness (issue 13's "memory
# serving the 1M-record zone at most Knot's"): per start VmRSS / Pss after loading, after the
# harness's transfers, and (secdns only) after its publishes, as EndToEnd's report states them.
# Jars are interleaved (A, B, ... then again). Prints one line per start and, at the end, p50 and
# p99 per jar and server.
#
#   bench/run-e2e-memory.sh SIZE STARTS OUT A.jar B.jar ...
#
# Each jar is a benchmarks jar (mvn -Pbench package -pl secdns-benchmarks -am); OUT is a directory
# for the harness's reports, the per-start lines (samples.txt) and the summary (report.txt).
# SERVER_JVM, when set, replaces the embedded host's JVM options (EndToEnd's --server-jvm).
set -euo pipefail
if [ "$#" -lt 4 ]; then
  echo "usage: $0 SIZE STARTS OUT A.jar [B.jar ...]" >&2
  exit 2
fi
size=$1
starts=$2
out=$3
shift 3
mkdir -p "$out"
: > "$out/samples.txt"

for i in $(seq "$starts"); do
  for jar in "$@"; do
    report="$out/$(basename "$jar" .jar)-$i.md"
    extra=()
    if [ -n "${SERVER_JVM:-}" ]; then extra=(--server-jvm "$SERVER_JVM"); fi
    java -Xmx2g -cp "$jar" io.github.secdns.benchmarks.e2e.EndToEnd --out "$report" \
      --sizes "$size" --servers secdns,knotd --reps 20 --publish-reps 3 --parallel-reps 3 \
      --bind-secondary false "${extra[@]}" > "$out/harness.log" 2>&1
    # "after loading (before any transfer) secdns 175 / 161, knotd 250 / 248; after the
    # transfers above secdns 224 / 210, knotd 258 / 256; secdns after the 3 publishes below 430 / 415"
    line=$(grep -h "^Memory of each server" "$report")
    echo "$(basename "$jar") start $i $line" | tee -a "$out/samples.txt"
  done
done

python3 - "$out/samples.txt" > "$out/report.txt" <<'PY'
import math, re, sys
rows = {}
pattern = re.compile(
    r"after loading \(before any transfer\) secdns (\d+) / (\d+), knotd (\d+) / (\d+); "
    r"after the transfers above secdns (\d+) / (\d+), knotd (\d+) / (\d+); "
    r"secdns after the \d+ publishes below (\d+) / (\d+)")
names = ["secdns RSS loaded", "secdns PSS loaded", "knotd RSS loaded", "knotd PSS loaded",
         "secdns RSS after transfers", "secdns PSS after transfers",
         "knotd RSS after transfers", "knotd PSS after transfers",
         "secdns RSS after publishes", "secdns PSS after publishes"]
for line in open(sys.argv[1]):
    m = pattern.search(line)
    if not m:
        sys.exit("unreadable line: " + line)
    rows.setdefault(line.split()[0], []).append([int(g) for g in m.groups()])
def rank(values, q):
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)]
for jar, samples in rows.items():
    print(f"{jar}: {len(samples)} starts (MiB)")
    for k, name in enumerate(names):
        v = [s[k] for s in samples]
        print(f"  {name}: p50 {rank(v, 0.5)} p99 {rank(v, 0.99)} min {min(v)} max {max(v)}")
PY
cat "$out/report.txt"
