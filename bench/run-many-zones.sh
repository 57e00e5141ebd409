#!/usr/bin/env bash
# Many-zones benchmark (issue 13): the embedded responder against knotd and nsd serving the same
# N small zones (20 records each) from the same master files, measured by the same clients on
# 127.0.0.1. Writes a Markdown report (default secdns-benchmarks/target/many-zones-results.md).
#
#   bench/run-many-zones.sh                                  # 10k, 100k, 300k zones (long)
#   bench/run-many-zones.sh --zones 1000 --axfr 200 --soa-seconds 2 --samples 20   # smoke run
#   bench/run-many-zones.sh --no-pin ...                     # server and clients share the cores
#   bench/run-many-zones.sh --servers "secdns,secdns serve,knotd,nsd"   # also serve --zone-dir
#
# With at least 2 cores (and without --no-pin) every server under test runs on CPU 0 only and this
# harness, with its clients, on CPU 1 only (taskset -c, util-linux), so that a figure measures the
# server and not the two competing; the report's header says the pinning.
# Other options are passed to io.github.secdns.benchmarks.e2e.ManyZones (see
# docs/architecture/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
pin=1
args=()
for arg in "$@"; do
  if [ "$arg" = --no-pin ]; then pin=0; else args+=("$arg"); fi
done
for bin in knotd nsd; do
  command -v "$bin" >/dev/null 2>&1 || { echo "needs $bin (apt-get install knot nsd)" >&2; exit 1; }
done
launcher=()
if [ "$pin" = 1 ] && [ "$(nproc)" -ge 2 ]; then
  command -v taskset >/dev/null 2>&1 || { echo "needs taskset (util-linux), or --no-pin" >&2; exit 1; }
  launcher=(taskset -c 1)
  args=(--server-cpus 0 "${args[@]}")
elif [ "$pin" = 1 ]; then
  echo "fewer than 2 cores: the server and the clients share them (no pinning)" >&2
fi
# secdns-examples too: the server "secdns serve" runs its secdns.jar
mvn -B -q -Pbench -DskipTests package -pl secdns-benchmarks,secdns-examples -am
exec "${launcher[@]}" java -Xmx4g -cp secdns-benchmarks/target/benchmarks.jar \
  io.github.secdns.benchmarks.e2e.ManyZones --out secdns-benchmarks/target/many-zones-results.md \
  "${args[@]}"
