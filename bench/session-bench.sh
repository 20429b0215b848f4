#!/usr/bin/env bash
# Licensed under the Apache License, Version 2.0.
#
# Sessions and locks on one persisted, fsyncing Consulate server: session renew
# throughput (wrk), acquire + release round trip p50/p99 (bench/LockRoundTrip.java),
# with KV put throughput of the same run beside them as the reference: wrk PUTs,
# and LockRoundTrip's put mode (two plain PUTs per pair: the same client and the
# same two commits as acquire + release). Rounds are interleaved (the order
# rotates), figures are medians over the rounds. No targets: the issue asks for
# the figures. See bench/README.md.
#
# Environment (defaults): ROUNDS=3 DURATION=10 (s per run) WARMUP=3 (s per run
# type in an uncounted round 0; 0 skips it) CONNECTIONS=64 THREADS=2 (wrk)
# WORKERS=16 (lock round-trip workers, one session and key each) SESSIONS=64
# (sessions the renew run spreads over) COOLDOWN=2 CONSULATE_PORT=18510
# CONSULATE_SERVER_PORT=18310 START_TIMEOUT=300 BENCH_TMPDIR=/var/tmp KEEP_TMP=0
# JAVA_OPTS (passed to the launcher).
#
# Exit status: 0 all runs clean, 1 a failed run or an error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WORKERS="${WORKERS:-16}"
SESSIONS="${SESSIONS:-64}"
COOLDOWN="${COOLDOWN:-2}"
CONSULATE_PORT="${CONSULATE_PORT:-18510}"
CONSULATE_SERVER_PORT="${CONSULATE_SERVER_PORT:-18310}"
START_TIMEOUT="${START_TIMEOUT:-300}"
MAX_TOTAL_SECONDS="${MAX_TOTAL_SECONDS:-$(( START_TIMEOUT + 120 + (ROUNDS + 1) * 4 * (DURATION + WARMUP + COOLDOWN + 40) ))}"

CONSULATE_URL="http://127.0.0.1:$CONSULATE_PORT"
RESULTS_DIR="$BENCH_DIR/results"
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS_FILE="$RESULTS_DIR/session-$STAMP.txt"
RUNS=(put renew lock-pair put-pair)

install_cleanup

start_consulate() {
  [[ -x "$CONSULATE_BIN" ]] || die "$CONSULATE_BIN not found (set CONSULATE_BIN)"
  start_group "$TMP_DIR/consulate.log" "$CONSULATE_BIN" agent -server -bootstrap-expect=1 \
    -data-dir="$TMP_DIR/consulate" -http-port="$CONSULATE_PORT" -dns-port=-1 \
    -server-port="$CONSULATE_SERVER_PORT"
  CONSULATE_PID=$LAST_PID
  wait_until "consulate" "$START_TIMEOUT" "$CONSULATE_PID" consulate_has_leader "$CONSULATE_PORT"
}

# Creates SESSIONS sessions (TTL 60s: the renew load keeps them alive) into $TMP_DIR/sessions.
create_sessions() {
  local i id
  : > "$TMP_DIR/sessions"
  for ((i = 0; i < SESSIONS; i++)); do
    id="$(curl -sf --max-time 10 -X PUT -d '{"Name":"bench-renew","TTL":"60s","LockDelay":0}' \
      "$CONSULATE_URL/v1/session/create" | jq -r .ID)" || die "session create failed"
    [[ "$id" =~ ^[0-9a-f-]{36}$ ]] || die "session create answered '$id'"
    echo "$id" >> "$TMP_DIR/sessions"
  done
  log "created $SESSIONS sessions"
}

# Compiles LockRoundTrip once (a source-file launch would recompile on every run).
compile_client() {
  JDK_BIN="$(find_jdk_bin)" || die "no JDK >= 21 with jcmd (set JAVA_HOME)"
  mkdir -p "$TMP_DIR/classes"
  "$JDK_BIN/javac" -d "$TMP_DIR/classes" "$BENCH_DIR/LockRoundTrip.java" || die "javac LockRoundTrip failed"
}

# One run; sets RUN_RPS (req/s for wrk, pairs/s for the pair runs) RUN_P50 RUN_P99 (ms) RUN_OK.
run_one() {
  local name="$1" out="$TMP_DIR/round-$ROUND-$1.txt" line
  case "$name" in
    put|renew)
      SESSIONS_FILE="$TMP_DIR/sessions" timeout $((RUN_SECONDS + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" \
        -d"${RUN_SECONDS}s" -s "$BENCH_DIR/wrk/consulate-$name.lua" "$CONSULATE_URL" > "$out" 2>&1 || true ;;
    lock-pair|put-pair)
      timeout $((RUN_SECONDS + 40)) "$JDK_BIN/java" -cp "$TMP_DIR/classes" LockRoundTrip --port="$CONSULATE_PORT" \
        --workers="$WORKERS" --seconds="$RUN_SECONDS" --warmup-s=0 --mode="${name%-pair}" > "$out" 2>&1 || true ;;
  esac
  line="$(grep '^BENCH ' "$out" || true)"
  field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<< "$line"; }
  RUN_OK=0; RUN_RPS=0; RUN_P50=-; RUN_P99=-
  [[ -n "$line" ]] || return 0
  if [[ "$name" == *-pair ]]; then
    RUN_RPS="$(field pairs_per_s)"
    [[ "$(field failed)" == 0 ]] && RUN_OK=1
  else
    RUN_RPS="$(field rps)"
    local errs=$(( $(field non2xx) + $(field connect_err) + $(field read_err) + $(field write_err) + $(field timeout_err) ))
    (( errs == 0 )) && ! grep -q 'Non-2xx or 3xx responses' "$out" && RUN_OK=1
  fi
  RUN_P50="$(awk -v u="$(field p50_us)" 'BEGIN { printf "%.2f", u / 1000 }')"
  RUN_P99="$(awk -v u="$(field p99_us)" 'BEGIN { printf "%.2f", u / 1000 }')"
}

declare -A RPS P50 P99
FAILED_RUNS=0

run_round() {
  local order=("$@") name status title="round $ROUND/$ROUNDS"
  RUN_SECONDS=$DURATION
  (( ROUND > 0 )) || { title="warm-up, not counted"; RUN_SECONDS=$WARMUP; }
  say ""
  say "$title (order: ${order[*]}; ${RUN_SECONDS}s each; cpus $(cpu_busy_percent)% busy just before)"
  say "$(printf '  %-10s %12s %9s %9s  %s' run 'req|pairs/s' 'p50 ms' 'p99 ms' status)"
  for name in "${order[@]}"; do
    run_one "$name"
    if (( RUN_OK )); then
      status=ok
      if (( ROUND > 0 )); then RPS[$name]+="$RUN_RPS "; P50[$name]+="$RUN_P50 "; P99[$name]+="$RUN_P99 "; fi
    else
      status="FAILED (see $TMP_DIR/round-$ROUND-$name.txt)"; FAILED_RUNS=$((FAILED_RUNS + 1))
    fi
    say "$(printf '  %-10s %12s %9s %9s  %s' "$name" "$RUN_RPS" "$RUN_P50" "$RUN_P99" "$status")"
    sleep "$COOLDOWN"
  done
}

summarise() {
  local name vals
  say ""
  say "medians over clean runs (put, renew: requests/s over $CONNECTIONS connections;"
  say "lock-pair = acquire + release, put-pair = two plain PUTs: pairs/s over $WORKERS workers, latency per pair)"
  say "$(printf '  %-10s %12s %9s %9s %5s' run 'req|pairs/s' 'p50 ms' 'p99 ms' runs)"
  for name in "${RUNS[@]}"; do
    read -r -a vals <<< "${RPS[$name]:-}"; local r; r="$(median "${vals[@]}")"
    read -r -a vals <<< "${P50[$name]:-}"; local p5; p5="$(median "${vals[@]}")"
    read -r -a vals <<< "${P99[$name]:-}"; local p9; p9="$(median "${vals[@]}")"
    say "$(printf '  %-10s %12s %9s %9s %5s' "$name" "${r:--}" "${p5:--}" "${p9:--}" "${#vals[@]}")"
  done
}

main() {
  need_cmd wrk wrk
  need_cmd curl curl
  need_cmd jq jq
  mkdir -p "$RESULTS_DIR"
  start_watchdog "$MAX_TOTAL_SECONDS"
  TMP_DIR="$(make_bench_tmp session-bench)"

  say "Consulate session benchmark $STAMP"
  say "host: $(nproc) cpus, $(uname -r); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  say "config: rounds=$ROUNDS duration=${DURATION}s warm-up=${WARMUP}s connections=$CONNECTIONS threads=$THREADS workers=$WORKERS sessions=$SESSIONS JAVA_OPTS='${JAVA_OPTS:-}'"
  say "data dir on $(stat -f -c %T "$TMP_DIR") under $(dirname "$TMP_DIR") (fsync on)"
  local warning; warning="$(busy_warning)"
  [[ -z "$warning" ]] || say "$warning"
  compile_client
  log "starting Consulate"
  start_consulate
  say "$(build_info)"
  create_sessions

  if (( WARMUP > 0 )); then
    ROUND=0
    run_round "${RUNS[@]}"
  fi
  local shift_by order i
  for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    shift_by=$(( (ROUND - 1) % ${#RUNS[@]} )); order=()
    for ((i = 0; i < ${#RUNS[@]}; i++)); do order+=("${RUNS[(i + shift_by) % ${#RUNS[@]}]}"); done
    run_round "${order[@]}"
  done
  summarise
  local left; left="$(curl -sf --max-time 10 "$CONSULATE_URL/v1/session/list" | jq length)"
  say "  sessions alive after the run: $left of $SESSIONS renewed ones (lock workers destroy theirs)"
  say ""
  say "results written to $RESULTS_FILE"
  if (( FAILED_RUNS > 0 )); then
    say "  $FAILED_RUNS run(s) FAILED: medians exclude them"
    return 1
  fi
}

main "$@"
