#!/usr/bin/env bash
# Many-zones benchmark (issue 13): the embedded responder against knotd and nsd serving the same
# N small zones (20 records each) from the same master files, measured by the same clients on
# 127.0.0.1. Writes a Markdown report (default secdns-benchmarks/target/many-zones-results.md).
#
#   bench/run-many-zones.sh                                  # 10k, 100k, 300k zones (long)
#   bench/run-many-zones.sh --zones 1000 --axfr 200 --soa-seconds 2 --samples 20   # smoke run
#
# Options are passed to io.github.secdns.benchmarks.e2e.ManyZones (see docs/architecture/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
for bin in knotd nsd; do
  command -v "$bin" >/dev/null 2>&1 || { echo "needs $bin (apt-get install knot nsd)" >&2; exit 1; }
done
mvn -B -q -Pbench -DskipTests package -pl secdns-benchmarks -am
exec java -Xmx4g -cp secdns-benchmarks/target/benchmarks.jar \
  io.github.secdns.benchmarks.e2e.ManyZones --out secdns-benchmarks/target/many-zones-results.md "$@"
