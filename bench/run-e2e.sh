#!/usr/bin/env bash
# End-to-end benchmark (issue 10): the embedded responder against knotd, nsd and named as
# primaries on 127.0.0.1 (high ports, configurations in a temporary directory), zones of 10k, 100k
# and 1M records, all transferred by the same header-counting client. Writes a Markdown report
# (default secdns-benchmarks/target/e2e-results.md) and prints it.
#
#   bench/run-e2e.sh                       # everything (about 3 minutes on 2 cores)
#   bench/run-e2e.sh --sizes 10000 --reps 3 --servers secdns,knotd
#
# Options are passed to io.github.secdns.benchmarks.e2e.EndToEnd (see docs/architecture/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for bin in knotd nsd named; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
done
if ((${#missing[@]})); then
  echo "installing peer servers (missing: ${missing[*]})" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to apt-get install bind9 knot nsd; install them and rerun" >&2
    exit 1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends bind9 knot nsd
fi
# Debian's packages may start system services: they do not hold our ports (we use high ports)
# but they would compete for the two cores, so say so.
for bin in knotd nsd named; do
  if pgrep -x "$bin" >/dev/null 2>&1; then
    echo "warning: a $bin is already running (pids $(pgrep -x "$bin" | tr '\n' ' ')); it competes for CPU" >&2
  fi
done

mvn -B -q -Pbench -DskipTests package -pl secdns-benchmarks -am
out=secdns-benchmarks/target/e2e-results.md
exec java -Xmx2g -cp secdns-benchmarks/target/benchmarks.jar \
  io.github.secdns.benchmarks.e2e.EndToEnd --out "$out" "$@"
