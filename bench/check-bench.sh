#!/usr/bin/env bash
# Licensed under the Apache License, Version 2.0.
#
# Check capacity: one Consulate dev agent runs CHECKS HTTP checks (agent API
# registrations, interval INTERVAL) against bench/CheckTarget.java, a local
# HTTP server that records when each check's request arrives. After a warm-up
# it measures the agent's cpu over WINDOW seconds (utime + stime from
# /proc/<pid>/stat) and asks the target for the lateness of every run in the
# window (gap between two consecutive runs of a check minus the interval).
# Targets: agent cpu <= 0.5 core on average; no run more than 1 s late (p99 reported).
#
# REGISTER=api (default) registers the checks one by one with PUT
# /v1/agent/check/register (8 at a time) once the agent is up; REGISTER=config
# puts them in an agent config file loaded at start instead (needs an agent that
# runs config-file checks: the script stops if the agent does not list them).
#
# Environment (defaults): CHECKS=10000 INTERVAL=10 (s) WARMUP=30 (s after the
# last registration) WINDOW=60 (s) PORT=18511 SERVER_PORT=18311 TARGET_PORT=18520
# START_TIMEOUT=300 BENCH_TMPDIR=/var/tmp KEEP_TMP=0 JAVA_OPTS (agent JVM).
#
# Exit status: 0 targets met, 2 ran but a target missed, 1 an error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHECKS="${CHECKS:-10000}"
INTERVAL="${INTERVAL:-10}"
WARMUP="${WARMUP:-30}"
WINDOW="${WINDOW:-60}"
PORT="${PORT:-18511}"
SERVER_PORT="${SERVER_PORT:-18311}"
TARGET_PORT="${TARGET_PORT:-18520}"
START_TIMEOUT="${START_TIMEOUT:-300}"
REGISTER="${REGISTER:-api}"
TARGET_CORES=0.5
TARGET_LATE_MS=1000
MAX_TOTAL_SECONDS="${MAX_TOTAL_SECONDS:-$(( START_TIMEOUT + 600 + WARMUP + WINDOW ))}"

URL="http://127.0.0.1:$PORT"
RESULTS_DIR="$BENCH_DIR/results"
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS_FILE="$RESULTS_DIR/checks-$STAMP.txt"

install_cleanup

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat, after the comm).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

target_ready() { curl -sf --max-time 2 "http://127.0.0.1:$TARGET_PORT/c/0" > /dev/null 2>&1; }

# CHECKS agent check registrations, 8 at a time; dies unless every one answered 200.
register_checks() {
  local cfg="$TMP_DIR/register.curl" i sep ok
  : > "$cfg"
  for ((i = 0; i < CHECKS; i++)); do
    sep="next"; (( i == CHECKS - 1 )) && sep=""
    printf 'url = "%s/v1/agent/check/register"\nrequest = "PUT"\ndata = "{\\"ID\\":\\"bench-%d\\",\\"Name\\":\\"bench %d\\",\\"HTTP\\":\\"http://127.0.0.1:%d/c/%d\\",\\"Interval\\":\\"%ds\\",\\"Timeout\\":\\"5s\\"}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n%s\n' \
      "$URL" "$i" "$i" "$TARGET_PORT" "$i" "$INTERVAL" "$sep" >> "$cfg"
  done
  ok="$(timeout 900 curl -s -Z --parallel-max 8 --max-time 30 -K "$cfg" 2>> "$TMP_DIR/curl.err" | grep -c '^200$' || true)"
  [[ "$ok" == "$CHECKS" ]] || die "register checks: only $ok of $CHECKS answered 200"
}

# The same checks as an agent config file ({"checks": [...]}).
write_check_config() {
  local i sep
  {
    printf '{"checks": [\n'
    for ((i = 0; i < CHECKS; i++)); do
      sep=","; (( i == CHECKS - 1 )) && sep=""
      printf '{"id":"bench-%d","name":"bench %d","http":"http://127.0.0.1:%d/c/%d","interval":"%ds","timeout":"5s"}%s\n' \
        "$i" "$i" "$TARGET_PORT" "$i" "$INTERVAL" "$sep"
    done
    printf ']}\n'
  } > "$TMP_DIR/checks.json"
}

main() {
  need_cmd curl curl
  need_cmd jq jq
  JDK_BIN="$(find_jdk_bin)" || die "no JDK >= 21 found (set JAVA_HOME)"
  [[ -x "$CONSULATE_BIN" ]] || die "$CONSULATE_BIN not found (set CONSULATE_BIN)"
  mkdir -p "$RESULTS_DIR"
  start_watchdog "$MAX_TOTAL_SECONDS"
  TMP_DIR="$(make_bench_tmp check-bench)"

  say "Consulate check-capacity benchmark $STAMP"
  say "host: $(nproc) cpus, $(uname -r); load $(cut -d' ' -f1-3 /proc/loadavg); clock ticks/s $(getconf CLK_TCK)"
  say "config: checks=$CHECKS register=$REGISTER interval=${INTERVAL}s warm-up=${WARMUP}s window=${WINDOW}s JAVA_OPTS='${JAVA_OPTS:-}'"
  local warning; warning="$(busy_warning)"
  [[ -z "$warning" ]] || say "$warning"

  log "starting the check target on port $TARGET_PORT"
  start_group "$TMP_DIR/target.log" "$JDK_BIN/java" -Xmx256m "$BENCH_DIR/CheckTarget.java" \
    --port="$TARGET_PORT" --checks="$CHECKS" --interval-ms=$((INTERVAL * 1000)) --max-seconds="$MAX_TOTAL_SECONDS"
  local target_group=$LAST_PID
  wait_until "check target" 120 "$target_group" target_ready

  local config_args=()
  case "$REGISTER" in
    config) write_check_config; config_args=(-config-file="$TMP_DIR/checks.json") ;;
    api) ;;
    *) die "REGISTER must be config or api" ;;
  esac
  log "starting Consulate dev agent on port $PORT"
  local t0=$SECONDS
  start_group "$TMP_DIR/consulate.log" "$CONSULATE_BIN" agent -dev -http-port="$PORT" -dns-port=-1 \
    -server-port="$SERVER_PORT" "${config_args[@]}"
  local group=$LAST_PID
  wait_until "consulate" "$START_TIMEOUT" "$group" consulate_has_leader "$PORT"
  local jpid tpid; jpid="$(java_pid_in_group "$group")"; tpid="$(java_pid_in_group "$target_group")"
  [[ -n "$jpid" && -n "$tpid" ]] || die "java processes not found"
  say "$(build_info)"

  [[ "$REGISTER" == api ]] && register_checks
  local n; n="$(curl -sf --max-time 30 "$URL/v1/agent/checks" | jq 'keys | map(select(startswith("bench-"))) | length')"
  [[ "$n" == "$CHECKS" ]] || die "agent lists $n bench checks, want $CHECKS"
  say "$CHECKS HTTP checks registered ($REGISTER) $((SECONDS - t0)) s after the agent's start; warming up ${WARMUP}s"
  sleep "$WARMUP"

  local hz a b ta tb from to busy
  hz="$(getconf CLK_TCK)"
  busy="$(cpu_busy_percent)"
  a="$(cpu_ticks "$jpid")"; ta="$(cpu_ticks "$tpid")"; from="$(date +%s%3N)"
  log "measuring for ${WINDOW}s"
  sleep "$WINDOW"
  b="$(cpu_ticks "$jpid")"; tb="$(cpu_ticks "$tpid")"; to="$(date +%s%3N)"
  local report; report="$(curl -sf --max-time 60 "http://127.0.0.1:$TARGET_PORT/report?from=$from&to=$to")" \
    || die "no report from the check target"
  local passing; passing="$(curl -sf --max-time 30 "$URL/v1/agent/checks" \
    | jq '[to_entries[] | select(.key | startswith("bench-")) | select(.value.Status == "passing")] | length')"
  field() { sed -n "s/.* $1=\([-0-9.]*\).*/\1/p" <<< "$report"; }
  local secs agent_cores target_cores
  secs="$(awk -v f="$from" -v t="$to" 'BEGIN { printf "%.1f", (t - f) / 1000 }')"
  agent_cores="$(awk -v a="$a" -v b="$b" -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.3f", (b - a) / hz / s }')"
  target_cores="$(awk -v a="$ta" -v b="$tb" -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.3f", (b - a) / hz / s }')"

  say "cpus ${busy}% busy in the second before the window (agent and target running: includes them)"
  say "window ${secs}s: target saw $(field hits) check requests ($(awk -v h="$(field hits)" -v s="$secs" 'BEGIN { printf "%.0f", h / s }')/s) from $(field checks_seen) of $CHECKS checks; $passing checks passing at the end"
  say "  agent cpu     ${agent_cores} cores average (utime+stime, pid $jpid)"
  say "  target cpu    ${target_cores} cores average (for context)"
  say "  lateness over $(field gaps) runs (gap between a check's consecutive runs - ${INTERVAL}s; includes the previous run's duration):"
  say "    p50 $(field late_p50_ms) ms, p99 $(field late_p99_ms) ms, max $(field late_max_ms) ms; $(field late_over_1s) runs > 1 s late; shortest gap $(field gap_min_ms) ms"
  say ""
  local rc=0 verdict
  verdict="$(awk -v c="$agent_cores" -v t="$TARGET_CORES" 'BEGIN {
    printf "  agent cpu %.3f cores (target <= %.1f)  %s", c, t, (c <= t ? "MET" : "MISSED"); exit (c <= t ? 0 : 2) }')" || rc=2
  say "$verdict"
  verdict="$(awk -v o="$(field late_over_1s)" -v p="$(field late_p99_ms)" -v m="$(field late_max_ms)" -v g="$(field gaps)" \
      -v seen="$(field checks_seen)" -v n="$CHECKS" 'BEGIN {
    ok = (o == 0 && g > 0 && seen == n)
    printf "  lateness p99 %d ms, max %d ms, %d runs > 1 s late, %d/%d checks ran (target: none > 1 s late)  %s", p, m, o, seen, n, (ok ? "MET" : "MISSED")
    exit (ok ? 0 : 2) }')" || rc=2
  say "$verdict"
  say ""
  say "results written to $RESULTS_FILE"
  return "$rc"
}

main "$@"
