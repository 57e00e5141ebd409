#!/usr/bin/env bash
# Issue 15: `secdns serve` loading a zone file (plain `java -jar`, and with tuned JVM flags) against
# knotd and nsd loading the same file: start -> serving, RSS after loading and while serving, first
# and second AXFR, p50/p99 over --reps fresh starts. Writes secdns-benchmarks/target/serve-load.md.
#
#   bench/run-serve-load.sh                                  # 100k and 1M records, 20 starts each
#   bench/run-serve-load.sh --sizes 100000 --reps 3          # a smoke run
#
# Options are passed to io.github.secdns.benchmarks.e2e.ServeLoad. Run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
for bin in knotd nsd; do
  command -v "$bin" >/dev/null 2>&1 || { echo "needs $bin (apt-get install knot nsd)" >&2; exit 1; }
done
mvn -B -q -Pbench -DskipTests package -pl secdns-examples,secdns-benchmarks -am
exec java -Xmx2g -cp secdns-benchmarks/target/benchmarks.jar \
  io.github.secdns.benchmarks.e2e.ServeLoad "$@"
