#!/usr/bin/env bash
# XoT benchmark (issue 18): the embedded responder against named, each serving the same generated
# zone over plain TCP and over TLS 1.3 (ALPN dot) on 127.0.0.1, transferred by the same JDK client.
# Reports p50/p99 per transport, the first transfer apart, records/s, server CPU per transfer and
# the CPU cost of TLS (default secdns-benchmarks/target/xot-results.md).
#
#   bench/run-xot.sh                                   # 1M records, 20 repetitions (idle machine)
#   bench/run-xot.sh --size 10000 --reps 3             # smoke run
#
# Options are passed to io.github.secdns.benchmarks.e2e.XotEndToEnd.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v named >/dev/null 2>&1 || { echo "named (bind9) is needed" >&2; exit 1; }
mvn -B -q -Pbench -DskipTests package -pl secdns-benchmarks -am
exec java -Xmx2g -cp secdns-benchmarks/target/benchmarks.jar \
  io.github.secdns.benchmarks.e2e.XotEndToEnd --out secdns-benchmarks/target/xot-results.md "$@"
