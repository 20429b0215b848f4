#!/usr/bin/env bash
# Licensed under the Apache License, Version 2.0.
#
# KV load harness: Consulate (persisted single server) against etcd (single
# member, v3 JSON gateway), both fsyncing, both on loopback, in one run.
# Rounds are interleaved (put, put, get, get; which system goes first
# alternates), the figures are medians over the rounds, and the ratios are
# compared with the targets: put >= 1.0x etcd put, get >= 1.5x etcd
# linearizable get. See bench/README.md.
#
# Environment (defaults): ROUNDS=5 DURATION=10 (s per run) WARMUP=5 (s per run
# type in an uncounted round 0; 0 skips it) CONNECTIONS=64
# THREADS=2 COOLDOWN=2 (s between runs) CONSULATE_PORT=18500
# CONSULATE_SERVER_PORT=18300 ETCD_PORT=23790 ETCD_PEER_PORT=23800
# START_TIMEOUT=300 (s, the launcher may build the jar first)
# BENCH_TMPDIR=/var/tmp KEEP_TMP=0 JAVA_OPTS (passed to the launcher).
#
# Exit status: 0 all runs clean and targets met, 2 runs clean but a target
# missed, 1 a failed run or an error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
COOLDOWN="${COOLDOWN:-2}"
CONSULATE_PORT="${CONSULATE_PORT:-18500}"
CONSULATE_SERVER_PORT="${CONSULATE_SERVER_PORT:-18300}"
ETCD_PORT="${ETCD_PORT:-23790}"
ETCD_PEER_PORT="${ETCD_PEER_PORT:-23800}"
START_TIMEOUT="${START_TIMEOUT:-300}"
TARGET_PUT=1.0
TARGET_GET=1.5
# Every wrk run is capped at DURATION + 30 s; the whole script at this budget.
MAX_TOTAL_SECONDS="${MAX_TOTAL_SECONDS:-$(( 2 * START_TIMEOUT + 120 + 4 * (WARMUP + COOLDOWN + 30) + ROUNDS * 4 * (DURATION + COOLDOWN + 30) ))}"

CONSULATE_URL="http://127.0.0.1:$CONSULATE_PORT"
ETCD_URL="http://127.0.0.1:$ETCD_PORT"
RESULTS_DIR="$BENCH_DIR/results"
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS_FILE="$RESULTS_DIR/kv-$STAMP.txt"

install_cleanup

start_etcd() {
  start_group "$TMP_DIR/etcd.log" etcd --name bench --data-dir "$TMP_DIR/etcd" \
    --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "bench=http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster-state new
  ETCD_PID=$LAST_PID
  wait_until "etcd" 60 "$ETCD_PID" etcd_healthy "$ETCD_PORT"
}

start_consulate() {
  [[ -x "$CONSULATE_BIN" ]] || die "$CONSULATE_BIN not found (set CONSULATE_BIN)"
  start_group "$TMP_DIR/consulate.log" "$CONSULATE_BIN" agent -server -bootstrap-expect=1 \
    -data-dir="$TMP_DIR/consulate" -http-port="$CONSULATE_PORT" -dns-port=-1 \
    -server-port="$CONSULATE_SERVER_PORT"
  CONSULATE_PID=$LAST_PID
  wait_until "consulate" "$START_TIMEOUT" "$CONSULATE_PID" consulate_has_leader "$CONSULATE_PORT"
}

# Writes the 1000 keys once on each system (one curl each, 8 transfers at a
# time) and checks that every write answered 200 and that 1000 keys exist.
# curl 7.88 draws its parallel progress bar despite -s, hence prefill.err.
prefill() {
  local value sep cfg_c="$TMP_DIR/prefill-consulate.curl" cfg_e="$TMP_DIR/prefill-etcd.curl" i key
  value="$(printf '0123456789%.0s' {1..10})"
  printf '%s' "$value" > "$TMP_DIR/value"
  : > "$cfg_c"; : > "$cfg_e"
  for ((i = 0; i < 1000; i++)); do
    key="$(printf 'bench/k%04d' "$i")"
    sep="next"; (( i == 999 )) && sep=""
    printf 'url = "%s/v1/kv/%s"\nrequest = "PUT"\ndata-binary = "@%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n%s\n' \
      "$CONSULATE_URL" "$key" "$TMP_DIR/value" "$sep" >> "$cfg_c"
    printf 'url = "%s/v3/kv/put"\ndata = "{\\"key\\":\\"%s\\",\\"value\\":\\"%s\\"}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n%s\n' \
      "$ETCD_URL" "$(printf '%s' "$key" | base64 -w0)" "$(printf '%s' "$value" | base64 -w0)" "$sep" >> "$cfg_e"
  done
  local ok
  ok="$(timeout 120 curl -s -Z --parallel-max 8 --max-time 30 -K "$cfg_c" 2>> "$TMP_DIR/prefill.err" | grep -c '^200$' || true)"
  [[ "$ok" == 1000 ]] || die "prefill Consulate: only $ok of 1000 writes answered 200"
  ok="$(timeout 120 curl -s -Z --parallel-max 8 --max-time 30 -K "$cfg_e" 2>> "$TMP_DIR/prefill.err" | grep -c '^200$' || true)"
  [[ "$ok" == 1000 ]] || die "prefill etcd: only $ok of 1000 writes answered 200"
  local n_c n_e
  n_c="$(curl -sf --max-time 10 "$CONSULATE_URL/v1/kv/bench/?keys" | jq length)"
  n_e="$(curl -sf --max-time 10 -X POST "$ETCD_URL/v3/kv/range" \
    -d "{\"key\":\"$(printf 'bench/' | base64)\",\"range_end\":\"$(printf 'bench0' | base64)\",\"count_only\":true}" \
    | jq -r .count)"
  [[ "$n_c" == 1000 && "$n_e" == 1000 ]] || die "prefill: Consulate has $n_c keys, etcd has $n_e (want 1000)"
  log "prefilled 1000 keys on both"
}

declare -A RPS P99
FAILED_RUNS=0

# One round: the four runs in the given order, a table row each. Round 0 is
# the warm-up (both JVM and etcd see load before anything is counted).
run_round() {
  local order=("$@") name sys op status title="round $ROUND/$ROUNDS"
  RUN_SECONDS=$DURATION
  (( ROUND > 0 )) || { title="warm-up, not counted"; RUN_SECONDS=$WARMUP; }
  BUSY="$(cpu_busy_percent)"
  say ""
  say "$title (order: ${order[*]}; ${RUN_SECONDS}s each; cpus ${BUSY}% busy just before)"
  say "$(printf '  %-15s %10s %9s %9s %7s %7s  %s' run 'req/s' 'p50 ms' 'p99 ms' non2xx errors status)"
  for name in "${order[@]}"; do
    sys="${name%-*}"; op="${name#*-}"
    if [[ "$sys" == consulate ]]; then run_wrk "$name" "$name.lua" "$CONSULATE_URL"
    else run_wrk "$name" "$name.lua" "$ETCD_URL"; fi
    if (( RUN_OK )); then
      status=ok
      if (( ROUND > 0 )); then RPS[$name]+="$RUN_RPS "; P99[$name]+="$RUN_P99 "; fi
    else
      status="FAILED (see $TMP_DIR/round-$ROUND-$name.txt)"; FAILED_RUNS=$((FAILED_RUNS + 1))
    fi
    say "$(printf '  %-15s %10s %9s %9s %7s %7s  %s' "$sys $op" "$RUN_RPS" "$RUN_P50" "$RUN_P99" \
      "$RUN_NON2XX" "$RUN_ERRS" "$status")"
    sleep "$COOLDOWN"
  done
}

# Prints medians, ratios and the verdict; returns 0 when both targets are met.
summarise() {
  local name med_rps med_p99 met=0
  declare -A MED
  say ""
  say "medians over clean runs"
  say "$(printf '  %-15s %10s %9s %6s' run 'req/s' 'p99 ms' runs)"
  for name in consulate-put etcd-put consulate-get etcd-get; do
    read -r -a vals <<< "${RPS[$name]:-}"
    med_rps="$(median "${vals[@]}")"; MED[$name]="${med_rps:-0}"
    read -r -a vals <<< "${P99[$name]:-}"
    med_p99="$(median "${vals[@]}")"
    say "$(printf '  %-15s %10s %9s %6s' "${name/-/ }" "${med_rps:--}" "${med_p99:--}" "${#vals[@]}")"
  done
  say ""
  verdict() { # LABEL NUM DEN TARGET
    awk -v l="$1" -v n="$2" -v d="$3" -v t="$4" 'BEGIN {
      if (d <= 0 || n <= 0) { printf "  %-34s n/a (no clean runs)\n", l; exit 1 }
      r = n / d; printf "  %-34s %.2fx  (target >= %.1fx)  %s\n", l, r, t, (r >= t ? "MET" : "MISSED")
      exit (r >= t ? 0 : 1) }'
  }
  local line
  line="$(verdict "put: consulate / etcd" "${MED[consulate-put]}" "${MED[etcd-put]}" "$TARGET_PUT")" || met=1
  say "$line"
  line="$(verdict "get: consulate / etcd linearizable" "${MED[consulate-get]}" "${MED[etcd-get]}" "$TARGET_GET")" || met=1
  say "$line"
  return "$met"
}

main() {
  need_cmd etcd etcd-server
  need_cmd wrk wrk
  need_cmd curl curl
  need_cmd jq jq
  mkdir -p "$RESULTS_DIR"
  start_watchdog "$MAX_TOTAL_SECONDS"
  TMP_DIR="$(make_bench_tmp kv-bench)"

  say "Consulate KV benchmark $STAMP"
  say "host: $(nproc) cpus, $(uname -r); $(etcd --version | head -1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  say "config: rounds=$ROUNDS duration=${DURATION}s warm-up=${WARMUP}s connections=$CONNECTIONS threads=$THREADS keys=1000 value=100B JAVA_OPTS='${JAVA_OPTS:-}'"
  say "data dirs on $(stat -f -c %T "$TMP_DIR") under $(dirname "$TMP_DIR") (fsync on for both)"

  local warning; warning="$(busy_warning)"
  [[ -z "$warning" ]] || say "$warning"
  log "starting etcd and Consulate"
  start_etcd
  start_consulate
  say "$(build_info)"
  prefill

  if (( WARMUP > 0 )); then
    ROUND=0
    run_round consulate-put etcd-put consulate-get etcd-get
  fi
  for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    if (( ROUND % 2 )); then
      run_round consulate-put etcd-put consulate-get etcd-get
    else
      run_round etcd-put consulate-put etcd-get consulate-get
    fi
  done

  local rc=0
  summarise || rc=2
  if (( FAILED_RUNS > 0 )); then
    say "  $FAILED_RUNS run(s) FAILED (non-2xx responses or socket errors): medians exclude them"
    rc=1
  fi
  say ""
  say "results written to $RESULTS_FILE"
  return "$rc"
}

main "$@"
