#!/usr/bin/env bash
# Licensed under the Apache License, Version 2.0.
#
# DNS load harness: Consulate's DNS interface against Knot DNS (Debian's
# authoritative server) serving the same names, side by side in one run.
# The catalog holds 100 services x 3 instances (registered through the HTTP
# API); Knot serves a generated zone file with the same A and SRV records
# (plus the SRV targets' A records, so both put them in the additional
# section). dnsperf sends an even mix of A and SRV questions over UDP.
#
# Each round has two kinds of run per server, the order alternating between
# rounds: a throughput run (as many queries as OUTSTANDING in flight allow)
# and a latency run at a fixed LATENCY_QPS, where dnsperf -v reports every
# answer's latency and the script takes p50/p99. Figures are medians over
# the rounds; the QPS target is judged on the median of per-round ratios
# (both servers measured back to back, so load from other work on the
# machine weighs on both alike), and the ratio of medians is printed too.
# Targets: Consulate QPS >= 0.5x Knot's, Consulate p99 <= 2 ms (latency
# run; p99 from dnsperf -v, which prints every answer's latency). Knot's
# p99 is printed beside it: on a busy machine both tails grow.
#
# Environment (defaults): ROUNDS=5 DURATION=10 (s per throughput run)
# LATENCY_DURATION=10 LATENCY_QPS=5000 WARMUP=5 (s; 0 skips the warm-up)
# OUTSTANDING=100 CLIENTS=8 THREADS=1 (dnsperf -q/-c/-T) COOLDOWN=2
# CONSULATE_PORT=18500 CONSULATE_SERVER_PORT=18300 CONSULATE_DNS_PORT=18600
# KNOT_PORT=18653 START_TIMEOUT=300 BENCH_TMPDIR=/var/tmp KEEP_TMP=0
# JAVA_OPTS (passed to the launcher).
#
# Exit status: 0 all runs clean and targets met, 2 runs clean but a target
# missed, 1 a failed run or an error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-10}"
LATENCY_DURATION="${LATENCY_DURATION:-10}"
LATENCY_QPS="${LATENCY_QPS:-5000}"
WARMUP="${WARMUP:-5}"
OUTSTANDING="${OUTSTANDING:-100}"
CLIENTS="${CLIENTS:-8}"
THREADS="${THREADS:-1}"
COOLDOWN="${COOLDOWN:-2}"
CONSULATE_PORT="${CONSULATE_PORT:-18500}"
CONSULATE_SERVER_PORT="${CONSULATE_SERVER_PORT:-18300}"
CONSULATE_DNS_PORT="${CONSULATE_DNS_PORT:-18600}"
KNOT_PORT="${KNOT_PORT:-18653}"
START_TIMEOUT="${START_TIMEOUT:-300}"
SERVICES=100
INSTANCES=3
TARGET_QPS_RATIO=0.5
TARGET_P99_MS=2
MAX_TOTAL_SECONDS="${MAX_TOTAL_SECONDS:-$(( START_TIMEOUT + 180 + 4 * (WARMUP + COOLDOWN + 30) + ROUNDS * 2 * (DURATION + LATENCY_DURATION + 2 * COOLDOWN + 60) ))}"

CONSULATE_URL="http://127.0.0.1:$CONSULATE_PORT"
RESULTS_DIR="$BENCH_DIR/results"
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS_FILE="$RESULTS_DIR/dns-$STAMP.txt"

install_cleanup

svc() { printf 'svc-%03d' "$1"; }
node() { printf 'n-%03d-%d' "$1" "$2"; }
addr() { printf '10.%d.%d.%d' $(( $1 / 250 )) $(( $1 % 250 + 1 )) "$2"; }

# The zone file for Knot, the registrations for Consulate and the dnsperf
# question list, all from the same loops.
generate() {
  local s i zone="$TMP_DIR/consul.zone" regs="$TMP_DIR/register.curl" q="$TMP_DIR/queries.txt"
  {
    echo '$ORIGIN consul.'
    echo '$TTL 0'
    echo '@ IN SOA ns.consul. hostmaster.consul. 1 3600 600 86400 0'
    echo '@ IN NS ns.consul.'
    echo 'ns IN A 127.0.0.1'
  } > "$zone"
  : > "$regs"; : > "$q"
  for ((s = 0; s < SERVICES; s++)); do
    for ((i = 1; i <= INSTANCES; i++)); do
      printf '%s.service IN A %s\n' "$(svc "$s")" "$(addr "$s" "$i")" >> "$zone"
      printf '%s.service IN SRV 1 1 %d %s.node.dc1.consul.\n' "$(svc "$s")" $((8000 + i)) "$(node "$s" "$i")" >> "$zone"
      printf '%s.node.dc1 IN A %s\n' "$(node "$s" "$i")" "$(addr "$s" "$i")" >> "$zone"
      printf 'url = "%s/v1/catalog/register"\nrequest = "PUT"\ndata = "{\\"Node\\":\\"%s\\",\\"Address\\":\\"%s\\",\\"Service\\":{\\"Service\\":\\"%s\\",\\"Port\\":%d}}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nnext\n' \
        "$CONSULATE_URL" "$(node "$s" "$i")" "$(addr "$s" "$i")" "$(svc "$s")" $((8000 + i)) >> "$regs"
    done
    printf '%s.service.consul A\n%s.service.consul SRV\n' "$(svc "$s")" "$(svc "$s")" >> "$q"
  done
  # Interleave so consecutive questions hit different names: A for s, SRV for s+50, ...
  awk 'NR % 2 == 1 { a[n++] = $0 } NR % 2 == 0 { b[m++] = $0 }
       END { for (k = 0; k < n; k++) { print a[k]; print b[(k + int(m / 2)) % m] } }' "$q" > "$q.mixed"
  mv "$q.mixed" "$q"
  cat > "$TMP_DIR/knot.conf" <<EOF
server:
    rundir: "$TMP_DIR/knot-run"
    listen: 127.0.0.1@$KNOT_PORT
database:
    storage: "$TMP_DIR/knot-db"
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: "$TMP_DIR"
    journal-content: none
zone:
  - domain: consul.
    file: consul.zone
EOF
  mkdir -p "$TMP_DIR/knot-run" "$TMP_DIR/knot-db"
}

answers() { # PORT NAME TYPE: the sorted answer data as dig prints it
  dig @127.0.0.1 -p "$1" +tries=1 +time=2 +short "$2" "$3" 2>/dev/null | sort
}

knot_ready() { [[ -n "$(answers "$KNOT_PORT" consul SOA)" ]]; }

start_knot() {
  knotc -c "$TMP_DIR/knot.conf" conf-check > "$TMP_DIR/knot-check.log" 2>&1 \
    || die "knot config rejected: $(cat "$TMP_DIR/knot-check.log")"
  start_group "$TMP_DIR/knot.log" knotd -c "$TMP_DIR/knot.conf"
  KNOT_PID=$LAST_PID
  wait_until "knot" 60 "$KNOT_PID" knot_ready
}

start_consulate() {
  [[ -x "$CONSULATE_BIN" ]] || die "$CONSULATE_BIN not found (set CONSULATE_BIN)"
  start_group "$TMP_DIR/consulate.log" "$CONSULATE_BIN" agent -dev -node=bench-agent \
    -http-port="$CONSULATE_PORT" -dns-port="$CONSULATE_DNS_PORT" -server-port="$CONSULATE_SERVER_PORT"
  CONSULATE_PID=$LAST_PID
  wait_until "consulate" "$START_TIMEOUT" "$CONSULATE_PID" consulate_has_leader "$CONSULATE_PORT"
  local ok want=$((SERVICES * INSTANCES))
  sed -i '$ d' "$TMP_DIR/register.curl" # the last "next"
  timeout 120 curl -s --max-time 30 -K "$TMP_DIR/register.curl" > "$TMP_DIR/register.out" 2> "$TMP_DIR/register.err" || true
  ok="$(grep -c '^200$' "$TMP_DIR/register.out" || true)"
  [[ "$ok" == "$want" ]] || die "registration: only $ok of $want instances answered 200 (see $TMP_DIR/register.out)"
  log "registered $want instances of $SERVICES services"
}

# Both servers must give the same answer sets (Consulate shuffles, so sorted).
check_parity() {
  local s name t
  for s in 0 42 $((SERVICES - 1)); do
    name="$(svc "$s").service.consul"
    for t in A SRV; do
      [[ "$(answers "$KNOT_PORT" "$name" "$t")" == "$(answers "$CONSULATE_DNS_PORT" "$name" "$t")" ]] \
        || die "knot and consulate disagree on $name $t"
    done
  done
  [[ "$(answers "$CONSULATE_DNS_PORT" "$(svc 0).service.consul" SRV | wc -l)" == "$INSTANCES" ]] \
    || die "consulate does not answer $INSTANCES SRV records"
  log "knot and consulate give the same A and SRV answers"
}

# run_perf NAME PORT MODE: one dnsperf run (MODE qps or latency); sets RUN_QPS
# RUN_LOST RUN_P50 RUN_P99 (ms; latency runs) RUN_OK.
run_perf() {
  local name="$1" port="$2" mode="$3" out="$TMP_DIR/round-$ROUND-$1-$3.txt" secs args
  if [[ "$mode" == qps ]]; then
    secs=$RUN_SECONDS; args=(-q "$OUTSTANDING")
  else
    secs=$LATENCY_SECONDS; args=(-q "$OUTSTANDING" -Q "$LATENCY_QPS" -v)
  fi
  timeout $((secs + 30)) dnsperf -s 127.0.0.1 -p "$port" -d "$TMP_DIR/queries.txt" -l "$secs" \
    -c "$CLIENTS" -T "$THREADS" -t 2 "${args[@]}" > "$out" 2>&1 || true
  RUN_QPS="$(sed -n 's/^ *Queries per second: *\([0-9.]*\).*/\1/p' "$out")"
  RUN_LOST="$(sed -n 's/^ *Queries lost: *\([0-9]*\).*/\1/p' "$out")"
  RUN_P50=-; RUN_P99=-
  if [[ "$mode" == latency ]]; then
    read -r RUN_P50 RUN_P99 < <(awk '$1 == ">" { print $NF * 1000 }' "$out" | sort -g | awk '
      { v[NR] = $1 } END { if (NR == 0) { print "- -"; exit }
        i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
        printf "%.3f %.3f\n", v[i50], v[i99] }')
  fi
  RUN_OK=1
  if [[ -z "$RUN_QPS" || -z "$RUN_LOST" ]] || grep -q 'SERVFAIL\|REFUSED\|NXDOMAIN' <(grep -v '^>' "$out" | grep 'Response codes'); then
    RUN_OK=0
  fi
  # More than 0.1% lost queries makes the run unusable.
  if [[ "$RUN_OK" == 1 ]] && awk -v l="$RUN_LOST" -v q="$RUN_QPS" -v s="$secs" 'BEGIN { exit !(l > q * s / 1000) }'; then
    RUN_OK=0
  fi
  [[ -n "$RUN_QPS" ]] || RUN_QPS=0
}

declare -A QPS P99 P50
PAIRED=""
FAILED_RUNS=0

run_round() {
  local order=("$@") name sys port mode status title="round $ROUND/$ROUNDS"
  local -A round_qps=()
  RUN_SECONDS=$DURATION; LATENCY_SECONDS=$LATENCY_DURATION
  (( ROUND > 0 )) || { title="warm-up, not counted"; RUN_SECONDS=$WARMUP; LATENCY_SECONDS=$WARMUP; }
  BUSY="$(cpu_busy_percent)"
  say ""
  say "$title (order: ${order[*]}; cpus ${BUSY}% busy just before)"
  say "$(printf '  %-20s %10s %9s %9s %7s  %s' run 'qps' 'p50 ms' 'p99 ms' lost status)"
  for name in "${order[@]}"; do
    sys="${name%-*}"; mode="${name#*-}"
    if [[ "$sys" == consulate ]]; then port=$CONSULATE_DNS_PORT; else port=$KNOT_PORT; fi
    run_perf "$sys" "$port" "$mode"
    if (( RUN_OK )); then
      status=ok
      if (( ROUND > 0 )); then
        if [[ "$mode" == qps ]]; then QPS[$sys]+="$RUN_QPS "; round_qps[$sys]=$RUN_QPS; else P99[$sys]+="$RUN_P99 "; P50[$sys]+="$RUN_P50 "; fi
      fi
    else
      status="FAILED (see $TMP_DIR/round-$ROUND-$sys-$mode.txt)"; FAILED_RUNS=$((FAILED_RUNS + 1))
    fi
    say "$(printf '  %-20s %10s %9s %9s %7s  %s' "$sys $mode" "$RUN_QPS" "$RUN_P50" "$RUN_P99" "${RUN_LOST:-?}" "$status")"
    sleep "$COOLDOWN"
  done
  # The same round's ratio: both ran back to back, so slow drifts in other load on the machine cancel out.
  if [[ -n "${round_qps[consulate]:-}" && -n "${round_qps[knot]:-}" ]]; then
    PAIRED+="$(awk -v c="${round_qps[consulate]}" -v k="${round_qps[knot]}" 'BEGIN { printf "%.3f", c / k }') "
  fi
}

# Median of the arguments with two decimals (lib.sh's median rounds even counts to one).
median2() {
  (( $# > 0 )) || return 0
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f\n", m }'
}

summarise() {
  local sys met=0 q p5 p9 line
  declare -A MQ MP
  say ""
  say "medians over clean runs (qps: throughput runs, $OUTSTANDING outstanding; latency: runs at $LATENCY_QPS qps)"
  say "$(printf '  %-10s %10s %9s %9s' server qps 'p50 ms' 'p99 ms')"
  for sys in consulate knot; do
    read -r -a vals <<< "${QPS[$sys]:-}"; q="$(median "${vals[@]}")"; MQ[$sys]="${q:-0}"
    read -r -a vals <<< "${P50[$sys]:-}"; p5="$(median "${vals[@]}")"
    read -r -a vals <<< "${P99[$sys]:-}"; p9="$(median "${vals[@]}")"; MP[$sys]="${p9:-999}"
    say "$(printf '  %-10s %10s %9s %9s' "$sys" "${q:--}" "${p5:--}" "${p9:--}")"
  done
  say ""
  read -r -a vals <<< "$PAIRED"
  local paired; paired="$(median2 "${vals[@]}")"
  say "  qps ratio per round (consulate / knot): ${PAIRED:-none}"
  line="$(awk -v p="${paired:-0}" -v n="${MQ[consulate]}" -v d="${MQ[knot]}" -v t="$TARGET_QPS_RATIO" 'BEGIN {
    if (p <= 0) { print "  qps: consulate / knot    n/a (no clean pair of runs)"; exit 1 }
    r = (d > 0) ? n / d : 0
    printf "  qps: consulate / knot    %.2fx median of per-round ratios (%.2fx of medians)  (target >= %.1fx)  %s\n",
      p, r, t, (p >= t ? "MET" : "MISSED")
    exit (p >= t ? 0 : 1) }')" || met=1
  say "$line"
  line="$(awk -v p="${MP[consulate]}" -v k="${MP[knot]}" -v t="$TARGET_P99_MS" 'BEGIN {
    printf "  p99: consulate           %.3f ms, knot %.3f ms on the same machine  (target <= %d ms)  %s\n",
      p, k, t, (p <= t ? "MET" : "MISSED")
    exit (p <= t ? 0 : 1) }')" || met=1
  say "$line"
  return "$met"
}

main() {
  need_cmd dnsperf dnsperf
  need_cmd knotd knot
  need_cmd dig bind9-dnsutils
  need_cmd curl curl
  mkdir -p "$RESULTS_DIR"
  start_watchdog "$MAX_TOTAL_SECONDS"
  TMP_DIR="$(make_bench_tmp dns-bench)"
  say "dns-bench $STAMP: $SERVICES services x $INSTANCES instances, A+SRV over UDP; $(nproc) cpus; $(build_info)"
  say "dnsperf -c $CLIENTS -T $THREADS -q $OUTSTANDING; $(dnsperf -h 2>&1 | grep -m1 Version); knotd $(knotd -V 2>&1 | grep -o '[0-9][0-9.]*' | head -1)"
  local warn; warn="$(busy_warning)"; [[ -z "$warn" ]] || say "$warn"
  generate
  start_knot
  start_consulate
  check_parity
  local a=(consulate-qps knot-qps consulate-latency knot-latency)
  local b=(knot-qps consulate-qps knot-latency consulate-latency)
  if (( WARMUP > 0 )); then ROUND=0; run_round "${a[@]}"; fi
  for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    if (( ROUND % 2 )); then run_round "${a[@]}"; else run_round "${b[@]}"; fi
  done
  local rc=0
  summarise || rc=2
  (( FAILED_RUNS == 0 )) || { say "$FAILED_RUNS run(s) failed"; rc=1; }
  say ""
  say "results: $RESULTS_FILE"
  return "$rc"
}

main "$@"
