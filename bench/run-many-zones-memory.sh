#!/usr/bin/env bash
# Memory of many small zones over many starts (issue 13's RSS goal): `secdns serve --zone-dir` (plain
# `java -jar`) and knotd on the same master files, interleaved, unpinned, each start read when every
# zone answered, 15 s later, after every zone's AXFR and 15 s after that. Writes a Markdown report
# (default secdns-benchmarks/target/many-zones-memory.md).
#
#   bench/run-many-zones-memory.sh                                   # 100,000 zones, 20 starts each
#   bench/run-many-zones-memory.sh --zones 1000 --starts 2           # smoke run
#   bench/run-many-zones-memory.sh --zones-dir /tmp/zd100k --serve-jar /tmp/secdns-X.jar
#   SKIP_BUILD=1 bench/run-many-zones-memory.sh ...                  # the jars as they are
#
# Other options are passed to io.github.secdns.benchmarks.e2e.ManyZonesMemory
# (docs/architecture/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v knotd >/dev/null 2>&1 || { echo "needs knotd (apt-get install knot)" >&2; exit 1; }
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -Pbench -DskipTests package -pl secdns-benchmarks,secdns-examples -am
fi
exec java -Xmx2g -cp secdns-benchmarks/target/benchmarks.jar \
  io.github.secdns.benchmarks.e2e.ManyZonesMemory --out secdns-benchmarks/target/many-zones-memory.md \
  "$@"
