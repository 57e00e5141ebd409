#!/usr/bin/env bash
# The memory `secdns serve --zone-file` keeps for one large zone as new versions of it come (issue
# 13's "memory serving one 1M-record zone at most Knot's", read after new versions as well as after
# loading), as an operator starts it (plain `java -jar`, no JVM flag): per start, VmRSS and PSS 15 s
# after `listening on`; then CHANGES times the zone file is written again (a rename) with the next
# serial and one record changed, and VmRSS and PSS are read 15 s after serve printed `published`
# for that serial. In place of a jar, `knotd` runs Knot DNS on the same file as a primary (the
# test suite's settings: no journal, no zone file sync, no semantic checks), each new file loaded
# with `knotc zone-reload` and read 15 s after knotd answers its serial. Interleaved starts (A, B,
# ... then again); prints one line per start and, at the end, p50 and p99 per server of each
# reading.
#
#   RECORDS=1000000 CHANGES=3 bench/run-serve-reload.sh WORK STARTS OUT A.jar knotd ...
#
# WORK is a directory for the zone file (big.example.zone: an SOA, two NS and RECORDS - 3 A records
# under big.example.); OUT is a directory for the per-start lines (samples.txt) and the report.
set -euo pipefail
. "$(dirname "$0")/serve-starts.sh"
starts_arguments "$0" "$@"
shift 3
records=${RECORDS:-1000000}
changes=${CHANGES:-3}
mkdir -p "$dir"
zone="$dir/big.example.zone"

# write_zone SERIAL: the zone file with this serial and the first A record's address derived from
# it, written beside and renamed into place (serve reads a file only once it is whole).
write_zone() {
  python3 - "$zone.tmp" "$records" "$1" <<'PY'
import sys
path, records, serial = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w") as f:
    f.write(f"big.example. 3600 IN SOA ns1.big.example. hostmaster.big.example. {serial} 7200 900 1209600 300\n")
    f.write("big.example. 3600 IN NS ns1.big.example.\nbig.example. 3600 IN NS ns2.big.example.\n")
    f.write(f"h0.big.example. 300 IN A 10.255.{serial // 256 % 256}.{serial % 256}\n")
    for i in range(1, records - 3):
        f.write(f"h{i}.big.example. 300 IN A 10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}\n")
PY
  mv "$zone.tmp" "$zone"
}

# knotd_answers SERIAL: whether knotd answers this serial for the zone now.
knotd_answers() {
  [ "$(dig +short +time=1 +tries=1 -p "$port" @127.0.0.1 big.example. SOA | awk '{print $3}')" = "$1" ]
}

# start_knotd: knotd serving the zone file; sets $pid, $port and $knot (its configuration), and
# returns once it answers the file's serial 1.
start_knotd() {
  port=$((20000 + RANDOM % 12000))
  knot="$dir/knot/knot.conf"
  rm -rf "$dir/knot"
  mkdir -p "$dir/knot/db"
  cat > "$knot" <<CONF
server:
    rundir: "$dir/knot"
    listen: 127.0.0.1@$port
log:
  - target: "$dir/knot/knotd.log"
    any: info
database:
    storage: "$dir/knot/db"
template:
  - id: default
    storage: "$dir"
    zonefile-sync: -1
    journal-content: none
    semantic-checks: off
zone:
  - domain: big.example.
    file: "big.example.zone"
CONF
  knotd -c "$knot" > /dev/null 2>&1 &
  pid=$!
  await_knotd_serial 1
}

# await_knotd_serial SERIAL: returns once knotd answers SERIAL; exits with its log when it ended.
await_knotd_serial() {
  await_while_running 0.05 "$dir/knot/knotd.log" knotd_answers "$1"
}

# await_serve_published SERIAL: returns once serve said it published SERIAL; exits with its output
# when it ended.
await_serve_published() {
  await_while_running 0.1 "$out/serve.out" \
    grep -q "published big.example. serial $1\$" "$out/serve.out"
}

for i in $(seq "$starts"); do
  for server in "$@"; do
    write_zone 1
    if [ "$server" = knotd ]; then
      start_knotd
    else
      start_serve_with "$server" "$out/serve.out" --zone-file "$zone" --origin big.example.
    fi
    sleep 15
    figures=(loaded "$(memory "$pid")")
    for serial in $(seq 2 $((changes + 1))); do
      write_zone "$serial"
      if [ "$server" = knotd ]; then
        knotc -c "$knot" zone-reload big.example. > /dev/null
        await_knotd_serial "$serial"
      else
        await_serve_published "$serial"
      fi
      sleep 15
      figures+=("serial_$serial" "$(memory "$pid")")
    done
    end_start "$server" "$i" "${figures[@]}"
  done
done

labels=("RSS loaded" "PSS loaded")
for serial in $(seq 2 $((changes + 1))); do
  labels+=("RSS after serial $serial" "PSS after serial $serial")
done
python3 "$(dirname "$0")/starts-report.py" "$out/samples.txt" " (MiB, $records records)" \
  "${labels[@]}" > "$out/report.txt"
cat "$out/report.txt"
