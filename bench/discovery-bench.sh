#!/usr/bin/env bash
# Licensed under the Apache License, Version 2.0.
#
# Discovery throughput: one Consulate dev agent holding 100 passing instances
# of `web` (one per node, each with a passing node check and a passing service
# check) and 1000 KV keys. Interleaved rounds of wrk runs against the same
# server: GET /v1/health/service/web?passing and GET /v1/kv/bench/<random key>;
# medians over the rounds. Targets: health >= 0.7x KV get req/s, health p99
# <= 10 ms at 64 connections. See bench/README.md.
#
# Environment (defaults): ROUNDS=3 DURATION=10 (s per run) WARMUP=5 (s per run
# type in an uncounted round 0; 0 skips it) CONNECTIONS=64 THREADS=2
# COOLDOWN=2 INSTANCES=100 ACCEPT_GZIP=1 PORT=18510 SERVER_PORT=18310 START_TIMEOUT=300
# BENCH_TMPDIR=/var/tmp KEEP_TMP=0 JAVA_OPTS (passed to the launcher).
#
# Exit status: 0 runs clean and targets met, 2 runs clean but a target missed,
# 1 a failed run or an error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
COOLDOWN="${COOLDOWN:-2}"
INSTANCES="${INSTANCES:-100}"
# 1: the health read sends Accept-Encoding: gzip, as Go's client, python-requests and OkHttp do; 0: plain JSON.
export ACCEPT_GZIP="${ACCEPT_GZIP:-1}"
PORT="${PORT:-18510}"
SERVER_PORT="${SERVER_PORT:-18310}"
START_TIMEOUT="${START_TIMEOUT:-300}"
TARGET_RATIO=0.7
TARGET_P99_MS=10
MAX_TOTAL_SECONDS="${MAX_TOTAL_SECONDS:-$(( START_TIMEOUT + 180 + 2 * (WARMUP + COOLDOWN + 30) + ROUNDS * 2 * (DURATION + COOLDOWN + 30) ))}"

URL="http://127.0.0.1:$PORT"
RESULTS_DIR="$BENCH_DIR/results"
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS_FILE="$RESULTS_DIR/discovery-$STAMP.txt"

install_cleanup

# Runs a curl config file (8 transfers at a time) and dies unless all N answered 200.
curl_all() {
  local what="$1" cfg="$2" n="$3" ok
  ok="$(timeout 300 curl -s -Z --parallel-max 8 --max-time 30 -K "$cfg" 2>> "$TMP_DIR/curl.err" | grep -c '^200$' || true)"
  [[ "$ok" == "$n" ]] || die "$what: only $ok of $n requests answered 200"
}

# INSTANCES nodes web-node-NNN, each with web-NNN, a passing serfHealth and a passing service check;
# then the 1000 KV keys of the KV get runs. Checks the health answer holds every instance.
prefill() {
  local cfg="$TMP_DIR/register.curl" i sep value
  : > "$cfg"
  for ((i = 0; i < INSTANCES; i++)); do
    sep="next"; (( i == INSTANCES - 1 )) && sep=""
    printf 'url = "%s/v1/catalog/register"\nrequest = "PUT"\ndata = "%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n%s\n' \
      "$URL" "$(printf '{\\"Node\\":\\"web-node-%03d\\",\\"Address\\":\\"10.0.%d.%d\\",\\"NodeMeta\\":{\\"rack\\":\\"r%d\\"},\\"Service\\":{\\"ID\\":\\"web-%03d\\",\\"Service\\":\\"web\\",\\"Port\\":8080,\\"Tags\\":[\\"v1\\",\\"http\\"],\\"Meta\\":{\\"version\\":\\"1.2.3\\"}},\\"Checks\\":[{\\"CheckID\\":\\"serfHealth\\",\\"Name\\":\\"Serf Health Status\\",\\"Status\\":\\"passing\\",\\"Output\\":\\"Agent alive and reachable\\"},{\\"CheckID\\":\\"service:web-%03d\\",\\"Name\\":\\"web health\\",\\"ServiceID\\":\\"web-%03d\\",\\"Status\\":\\"passing\\",\\"Output\\":\\"HTTP GET http://10.0.0.1:8080/health: 200 OK\\"}]}' \
        "$i" $((i / 250)) $((i % 250 + 1)) $((i % 4)) "$i" "$i" "$i")" "$sep" >> "$cfg"
  done
  curl_all "register $INSTANCES instances" "$cfg" "$INSTANCES"
  local n
  n="$(curl -sf --max-time 10 "$URL/v1/health/service/web?passing" | jq length)"
  [[ "$n" == "$INSTANCES" ]] || die "health/service/web?passing has $n instances, want $INSTANCES"

  cfg="$TMP_DIR/kv.curl"; : > "$cfg"
  value="$(printf '0123456789%.0s' {1..10})"; printf '%s' "$value" > "$TMP_DIR/value"
  for ((i = 0; i < 1000; i++)); do
    sep="next"; (( i == 999 )) && sep=""
    printf 'url = "%s/v1/kv/bench/k%04d"\nrequest = "PUT"\ndata-binary = "@%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n%s\n' \
      "$URL" "$i" "$TMP_DIR/value" "$sep" >> "$cfg"
  done
  curl_all "write 1000 keys" "$cfg" 1000
  log "registered $INSTANCES passing instances of web; wrote 1000 keys"
}

declare -A RPS P99
FAILED_RUNS=0

run_round() {
  local order=("$@") name status title="round $ROUND/$ROUNDS"
  RUN_SECONDS=$DURATION
  (( ROUND > 0 )) || { title="warm-up, not counted"; RUN_SECONDS=$WARMUP; }
  BUSY="$(cpu_busy_percent)"
  say ""
  say "$title (order: ${order[*]}; ${RUN_SECONDS}s each; cpus ${BUSY}% busy just before; load $(cut -d' ' -f1-3 /proc/loadavg))"
  say "$(printf '  %-15s %10s %9s %9s %7s %7s  %s' run 'req/s' 'p50 ms' 'p99 ms' non2xx errors status)"
  for name in "${order[@]}"; do
    run_wrk "$name" "consulate-$name.lua" "$URL"
    if (( RUN_OK )); then
      status=ok
      if (( ROUND > 0 )); then RPS[$name]+="$RUN_RPS "; P99[$name]+="$RUN_P99 "; fi
    else
      status="FAILED (see $TMP_DIR/round-$ROUND-$name.txt)"; FAILED_RUNS=$((FAILED_RUNS + 1))
    fi
    say "$(printf '  %-15s %10s %9s %9s %7s %7s  %s' "$name" "$RUN_RPS" "$RUN_P50" "$RUN_P99" \
      "$RUN_NON2XX" "$RUN_ERRS" "$status")"
    sleep "$COOLDOWN"
  done
}

summarise() {
  local name vals med_rps med_p99 met=0
  declare -A MED MEDP99
  say ""
  say "medians over clean runs"
  say "$(printf '  %-15s %10s %9s %6s' run 'req/s' 'p99 ms' runs)"
  for name in health get; do
    read -r -a vals <<< "${RPS[$name]:-}"
    med_rps="$(median "${vals[@]}")"; MED[$name]="${med_rps:-0}"
    read -r -a vals <<< "${P99[$name]:-}"
    med_p99="$(median "${vals[@]}")"; MEDP99[$name]="${med_p99:--1}"
    say "$(printf '  %-15s %10s %9s %6s' "$name" "${med_rps:--}" "${med_p99:--}" "${#vals[@]}")"
  done
  say ""
  local line
  line="$(awk -v n="${MED[health]}" -v d="${MED[get]}" -v t="$TARGET_RATIO" 'BEGIN {
    if (d <= 0 || n <= 0) { printf "  health / kv get: n/a (no clean runs)"; exit 1 }
    r = n / d; printf "  health?passing / kv get       %.2fx  (target >= %.1fx)  %s", r, t, (r >= t ? "MET" : "MISSED")
    exit (r >= t ? 0 : 1) }')" || met=1
  say "$line"
  line="$(awk -v p="${MEDP99[health]}" -v t="$TARGET_P99_MS" 'BEGIN {
    m = (p >= 0 && p <= t)
    printf "  health?passing p99            %.2f ms  (target <= %d ms)  %s", p, t, (m ? "MET" : "MISSED")
    exit (m ? 0 : 1) }')" || met=1
  say "$line"
  return "$met"
}

main() {
  need_cmd wrk wrk
  need_cmd curl curl
  need_cmd jq jq
  [[ -x "$CONSULATE_BIN" ]] || die "$CONSULATE_BIN not found (set CONSULATE_BIN)"
  mkdir -p "$RESULTS_DIR"
  start_watchdog "$MAX_TOTAL_SECONDS"
  TMP_DIR="$(make_bench_tmp discovery-bench)"

  say "Consulate discovery benchmark $STAMP"
  say "host: $(nproc) cpus, $(uname -r); load $(cut -d' ' -f1-3 /proc/loadavg); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  say "health read: ACCEPT_GZIP=$ACCEPT_GZIP (1: Accept-Encoding: gzip, as real clients send)"
  say "config: rounds=$ROUNDS duration=${DURATION}s warm-up=${WARMUP}s connections=$CONNECTIONS threads=$THREADS instances=$INSTANCES JAVA_OPTS='${JAVA_OPTS:-}'"
  local warning; warning="$(busy_warning)"
  [[ -z "$warning" ]] || say "$warning"

  log "starting Consulate dev agent on port $PORT"
  start_group "$TMP_DIR/consulate.log" "$CONSULATE_BIN" agent -dev -http-port="$PORT" -dns-port=-1 \
    -server-port="$SERVER_PORT"
  local group=$LAST_PID
  wait_until "consulate" "$START_TIMEOUT" "$group" consulate_has_leader "$PORT"
  say "$(build_info)"
  prefill
  say "health answer: $(curl -s "$URL/v1/health/service/web?passing" | wc -c) bytes for $INSTANCES instances"

  if (( WARMUP > 0 )); then
    ROUND=0
    run_round health get
  fi
  for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    if (( ROUND % 2 )); then run_round health get; else run_round get health; fi
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
