# Sourced by the bench scripts that start `secdns serve --zone-dir` as an operator does, once per
# start (run-serve-rss.sh, run-serve-floor.sh): the start itself and the cleanup of the last one.

# starts_arguments SCRIPT DIR STARTS OUT JAR...: the arguments every such script takes (usage and
# exit 2 when a jar is missing); sets $dir, $starts and $out, makes OUT with an empty
# OUT/samples.txt, and stops the current start's serve on exit. The caller then shifts 3: "$@" are
# the jars.
starts_arguments() {
  local script=$1
  shift
  if [ "$#" -lt 4 ]; then
    echo "usage: $script DIR STARTS OUT A.jar [B.jar ...]" >&2
    exit 2
  fi
  dir=$1
  starts=$2
  out=$3
  mkdir -p "$out"
  : > "$out/samples.txt"
  pid=
  trap stop_serve EXIT
}

# Stops the serve of the current start, if any (the EXIT trap of the sourcing script, and each
# start's end).
stop_serve() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" || true; fi
  pid=
}

# end_start JAR START FIGURES...: stops the start's serve and adds its line to OUT/samples.txt
# (and stdout): the jar's name, "start N", then the figures, each after a word naming it.
end_start() {
  local jar=$1 start=$2
  shift 2
  stop_serve
  echo "$(basename "$jar") start $start $*" | tee -a "$out/samples.txt"
}

# memory PID: VmRSS and PSS in MiB of a process, "rss pss" (/proc/PID/smaps_rollup).
memory() {
  local rss pss
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$1/status")
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup")
  echo "$((rss / 1024)) $((pss / 1024))"
}

# start_serve JAR DIR LOG: plain `java -jar JAR serve --zone-dir DIR --quiet` on 127.0.0.1, at a
# port below the kernel's ephemeral range (32768 up, which the clients' own ports come from); sets
# $pid and $port, returns once LOG says `listening on` (looked for every 10 ms), and exits the
# script with LOG on stderr when serve ends before. With SERVE_CPUS set (a CPU list), serve runs
# pinned to those CPUs (`taskset -c`), and the JVM sizes itself for them (on one CPU it picks the
# serial collector).
start_serve() {
  local jar=$1 zones=$2 log=$3
  start_serve_with "$jar" "$log" --zone-dir "$zones"
}

# start_serve_with JAR LOG ARGS...: as start_serve, with ARGS in place of `--zone-dir DIR` (a
# `--zone-file F --origin O` pair).
start_serve_with() {
  local jar=$1 log=$2
  shift 2
  port=$((20000 + RANDOM % 12000))
  rm -f "$log"
  local pin=()
  if [ -n "${SERVE_CPUS:-}" ]; then pin=(taskset -c "$SERVE_CPUS"); fi
  "${pin[@]}" java -jar "$jar" serve "$@" --listen "127.0.0.1:$port" --quiet > "$log" 2>&1 &
  pid=$!
  # Removed above before the start: the file the child creates holds only this start's lines.
  await_while_running 0.01 "$log" grep -q 'listening on' "$log"
}

# await_while_running SECONDS LOG CMD...: runs CMD every SECONDS until it succeeds, while the
# process $pid runs; exits the script with LOG on stderr when the process ended first.
await_while_running() {
  local every=$1 log=$2
  shift 2
  until "$@" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the server ended (its log $log):" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep "$every"
  done
}
