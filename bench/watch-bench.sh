#!/usr/bin/env bash
# Licensed under the Apache License, Version 2.0.
#
# Blocking-query fan-out benchmark: starts a Consulate dev agent, measures its
# idle heap (after a full GC), parks N blocking queries on one key with
# bench/WatchFanout.java, measures the heap again while they are held, then
# writes the key once and reports how fast the answer reached every watcher.
# Targets: heap growth <= 64 MB with 10,000 parked; all N answered, p99 <= 1 s.
#
# Environment (defaults): N=10000 PORT=18501 START_TIMEOUT=300 (s, the launcher
# may build the jar first) FANOUT_TIMEOUT=60 (s, WatchFanout gives up after it)
# SETTLE_MS=3000 SERVICE= (e.g. web: watch GET /v1/health/service/web instead
# of a key; INSTANCES=10 instances registered first, the write registers one more)
# LOCAL_ADDRS= (e.g. 127.0.0.2,127.0.0.3: loopback sources to
# spread the connections over) WATCH_AGENT_ARGS= (extra agent flags)
# JAVA_OPTS (passed to the launcher) BENCH_TMPDIR=/var/tmp KEEP_TMP=0.
#
# CLIENT_JAVA_OPTS (default -XX:TieredStopAtLevel=1: the load generator's JVM compiles with C1 only, so on
# a small machine its JIT does not take cpu from the server while the answers arrive; its work per answer
# is a read and a header scan).
#
# The load generator (bench/WatchFanout.java) reads the answers on one selector thread per cpu, after
# warming its own read path on a loopback connection of its own. Latency is unchanged in meaning: for
# each watcher, from the moment the write request was sent (so it includes the write's Raft commit) to
# the moment its complete answer has been read.
#
# Exit status: 0 targets met, 2 ran but a target missed, 1 error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

N="${N:-10000}"
PORT="${PORT:-18501}"
START_TIMEOUT="${START_TIMEOUT:-300}"
FANOUT_TIMEOUT="${FANOUT_TIMEOUT:-60}"
SETTLE_MS="${SETTLE_MS:-3000}"
SERVICE="${SERVICE:-}"
INSTANCES="${INSTANCES:-10}"
# 1: watchers send Accept-Encoding: gzip, as Go's client, python-requests and OkHttp do; 0: plain JSON.
ACCEPT_GZIP="${ACCEPT_GZIP:-1}"
TARGET_HEAP_MB=64
TARGET_P99_MS=1000
RESULTS_DIR="$BENCH_DIR/results"
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS_FILE="$RESULTS_DIR/watch${SERVICE:+-health}-$STAMP.txt"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  exec 3>&-
  stop_all_groups
  if [[ "${KEEP_TMP:-0}" == 1 || $rc -eq 1 ]]; then
    [[ -n "${TMP_DIR:-}" ]] && log "kept logs in $TMP_DIR"
  else
    [[ -n "${TMP_DIR:-}" ]] && rm -rf "$TMP_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

say() { printf '%s\n' "$*" | tee -a "$RESULTS_FILE"; }

# Raises the open-files limit so N client sockets and N server sockets fit.
raise_fd_limit() {
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
  local have; have="$(ulimit -n)"
  (( have >= N + 1000 )) || die "open-files limit is $have; N=$N needs at least $((N + 1000))"
}

# Heap used in MB after a full GC (jcmd GC.run, then GC.heap_info's first "used").
heap_used_mb() {
  "$JCMD" "$1" GC.run > /dev/null || die "jcmd GC.run failed"
  sleep 1
  "$JCMD" "$1" GC.heap_info | awk '
    match($0, /used [0-9]+[KMG]/) {
      v = substr($0, RSTART + 5, RLENGTH - 6); u = substr($0, RSTART + RLENGTH - 1, 1)
      printf "%.1f\n", (u == "K" ? v / 1024 : (u == "G" ? v * 1024 : v)); exit }'
}

rss_mb() { awk '/^VmRSS:/ { printf "%.1f\n", $2 / 1024 }' "/proc/$1/status"; }

collector() { "$JCMD" "$1" GC.heap_info | awk 'NR == 2 { sub(/^ +/, ""); sub(/ +total.*/, ""); print; exit }'; }

# Waits until WatchFanout printed PARKED (0) or gave up / exited (1).
wait_parked() {
  local deadline=$((SECONDS + FANOUT_TIMEOUT + 30))
  while (( SECONDS < deadline )); do
    grep -qs '^PARKED' "$FANOUT_OUT" && return 0
    grep -qs '^NOT PARKED\|^FANOUT' "$FANOUT_OUT" && return 1
    kill -0 "$FANOUT_PID" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

main() {
  need_cmd curl curl
  JDK_BIN="$(find_jdk_bin)" || die "no JDK >= 21 with jcmd found (set JAVA_HOME)"
  [[ -x "$CONSULATE_BIN" ]] || die "$CONSULATE_BIN not found (set CONSULATE_BIN)"
  raise_fd_limit
  mkdir -p "$RESULTS_DIR"
  start_watchdog $((START_TIMEOUT + 3 * FANOUT_TIMEOUT + 120))
  TMP_DIR="$(make_bench_tmp watch-bench)"

  local warning; warning="$(busy_warning)"
  log "starting Consulate dev agent on port $PORT"
  # Consul caps HTTP connections per client IP at 200 (limits.http_max_conns_per_client);
  # all N watchers come from loopback, so the cap is raised to fit them.
  printf '{"limits": {"http_max_conns_per_client": %d}}\n' $((N + 100)) > "$TMP_DIR/limits.json"
  # shellcheck disable=SC2086 # WATCH_AGENT_ARGS is a list of flags
  start_group "$TMP_DIR/consulate.log" "$CONSULATE_BIN" agent -dev -http-port="$PORT" -dns-port=-1 \
    -config-file="$TMP_DIR/limits.json" ${WATCH_AGENT_ARGS:-}
  local group=$LAST_PID
  wait_until "consulate" "$START_TIMEOUT" "$group" consulate_has_leader "$PORT"
  local jpid; jpid="$(java_pid_in_group "$group")"
  [[ -n "$jpid" ]] || die "no java process in Consulate's process group"
  JCMD="$(dirname "$(readlink -f "/proc/$jpid/exe")")/jcmd"
  [[ -x "$JCMD" ]] || JCMD="$JDK_BIN/jcmd"

  local idle_heap idle_rss
  heap_used_mb "$jpid" > /dev/null # settle start-up garbage first
  idle_heap="$(heap_used_mb "$jpid")"; idle_rss="$(rss_mb "$jpid")"
  log "idle: heap used ${idle_heap} MB, RSS ${idle_rss} MB"

  FANOUT_OUT="$TMP_DIR/fanout.out"
  mkfifo "$TMP_DIR/go"
  exec 3<> "$TMP_DIR/go" # read-write: opening never blocks, and WatchFanout's open neither
  local args=(--port="$PORT" --n="$N" --settle-ms="$SETTLE_MS" --timeout-s="$FANOUT_TIMEOUT" --wait-stdin)
  [[ -n "${LOCAL_ADDRS:-}" ]] && args+=(--local-addrs="$LOCAL_ADDRS")
  [[ -n "$SERVICE" ]] && args+=(--service="$SERVICE" --instances="$INSTANCES")
  [[ "$ACCEPT_GZIP" == 1 ]] && args+=(--gzip)
  # shellcheck disable=SC2086 # CLIENT_JAVA_OPTS is a list of JVM flags
  timeout $((FANOUT_TIMEOUT + 60)) "$JDK_BIN/java" ${CLIENT_JAVA_OPTS--XX:TieredStopAtLevel=1} \
    "$BENCH_DIR/WatchFanout.java" "${args[@]}" \
    < "$TMP_DIR/go" > "$FANOUT_OUT" 2>&1 &
  FANOUT_PID=$!

  local parked_heap="-" parked_rss="-" busy_before_write="?"
  if wait_parked; then
    parked_heap="$(heap_used_mb "$jpid")"; parked_rss="$(rss_mb "$jpid")"
    log "parked: heap used ${parked_heap} MB, RSS ${parked_rss} MB"
    busy_before_write="$(cpu_busy_percent)" # server and client both idle now: this is other work
  fi
  echo go >&3
  exec 3>&-
  wait "$FANOUT_PID" || true
  cat "$FANOUT_OUT" >&2

  local line; line="$(grep '^FANOUT ' "$FANOUT_OUT" || true)"
  field() { sed -n "s/.* $1=\([-0-9.]*\).*/\1/p" <<< "$line"; }
  say "Consulate blocking-query fan-out benchmark $STAMP"
  say "host: $(nproc) cpus, $(uname -r); collector: $(collector "$jpid"); JAVA_OPTS='${JAVA_OPTS:-}'; CLIENT_JAVA_OPTS='${CLIENT_JAVA_OPTS--XX:TieredStopAtLevel=1}'"
  say "$(build_info)"
  [[ -z "$warning" ]] || say "$warning"
  if [[ -n "$SERVICE" ]]; then
    say "watchers: $N on GET /v1/health/service/$SERVICE ($INSTANCES instances; $(sed -n 's/^SERVICE .*answer_bytes=//p' "$FANOUT_OUT") bytes per answer before the write); the write: catalog register of one more instance; ACCEPT_GZIP=$ACCEPT_GZIP"
  else
    say "watchers: $N on one key"
  fi
  say "heap = jcmd GC.heap_info 'used' after jcmd GC.run"
  say "$(printf '  %-26s %10s %10s' '' 'heap MB' 'RSS MB')"
  say "$(printf '  %-26s %10s %10s' 'idle' "$idle_heap" "$idle_rss")"
  say "$(printf '  %-26s %10s %10s' "$N parked" "$parked_heap" "$parked_rss")"
  [[ -n "$line" && "$parked_heap" != - ]] || { say "fan-out did not complete: see above"; return 1; }
  say "fan-out: arrived $(field arrived)/$N ok $(field ok) failed $(field failed);" \
    "write acknowledged in $(field write_ack_ms) ms; from the write: first $(field first_ms) ms, p50 $(field p50_ms) ms," \
    "p99 $(field p99_ms) ms, max $(field max_ms) ms"
  say "cpus ${busy_before_write}% busy in the second before the write (server and client idle then)"
  say ""
  local rc=0 verdict
  verdict="$(awk -v a="$idle_heap" -v b="$parked_heap" -v t="$TARGET_HEAP_MB" 'BEGIN {
    g = b - a; printf "  heap growth %.1f MB (target <= %d MB) %s", g, t, (g <= t ? "MET" : "MISSED"); exit (g <= t ? 0 : 2) }')" || rc=2
  say "$verdict"
  verdict="$(awk -v p="$(field p99_ms)" -v ok="$(field ok)" -v n="$N" -v t="$TARGET_P99_MS" 'BEGIN {
    m = (ok == n && p >= 0 && p <= t)
    printf "  all %d answered with p99 %.1f ms (target <= %d ms) %s", n, p, t, (m ? "MET" : "MISSED"); exit (m ? 0 : 2) }')" || rc=2
  say "$verdict"
  say ""
  say "results written to $RESULTS_FILE"
  return "$rc"
}

main "$@"
