# shellcheck shell=bash
# Licensed under the Apache License, Version 2.0.
# Shared helpers for bench/kv-bench.sh and bench/watch-bench.sh (sourced, not run).
# Servers are started in their own process group (setsid) and stopped by that
# group id only. Every wait loop is bounded by a deadline.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
CONSULATE_BIN="${CONSULATE_BIN:-$REPO_DIR/bin/consulate}"

GROUPS_STARTED=()
WATCHDOG_PID=""

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Installs a Debian package when a command is missing (apt-get update only if needed).
need_cmd() {
  local cmd="$1" pkg="$2"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  log "installing $pkg (for $cmd)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$pkg" >/dev/null 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null 2>&1 \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y "$pkg" >/dev/null 2>&1; } \
    || die "could not install $pkg"
  command -v "$cmd" >/dev/null 2>&1 || die "$cmd still missing after installing $pkg"
}

# Prints the bin directory of a JDK >= 21 (JAVA_HOME first, then /usr/lib/jvm).
find_jdk_bin() {
  local home v
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [[ -n "$home" && -x "$home/bin/java" && -x "$home/bin/jcmd" ]] || continue
    v="$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
         | sed -n 's/^ *java.specification.version = //p')"
    [[ "$v" =~ ^[0-9]+$ ]] && (( v >= 21 )) && { echo "$home/bin"; return 0; }
  done
  return 1
}

# A fresh temporary directory on a disk where fsync means something (not tmpfs).
make_bench_tmp() {
  local base="${BENCH_TMPDIR:-/var/tmp}" dir fs
  dir="$(mktemp -d "$base/$1.XXXXXX")" || die "mktemp in $base failed"
  fs="$(stat -f -c %T "$dir")"
  if [[ "$fs" == tmpfs || "$fs" == ramfs ]]; then
    rm -rf "$dir"
    die "$base is $fs: fsync would be free there; set BENCH_TMPDIR to a real disk"
  fi
  echo "$dir"
}

# start_group LOGFILE CMD...: runs CMD in a new session/process group; sets LAST_PID.
start_group() {
  local logfile="$1"; shift
  setsid "$@" >"$logfile" 2>&1 < /dev/null &
  LAST_PID=$!
  GROUPS_STARTED+=("$LAST_PID")
}

# Stops one process group: TERM, up to 15 s, then KILL.
stop_group() {
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for ((i = 0; i < 75; i++)); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  log "process group $pid ignored TERM; killing"
  kill -KILL -- "-$pid" 2>/dev/null || true
}

stop_all_groups() {
  local pid
  for pid in "${GROUPS_STARTED[@]}"; do stop_group "$pid"; done
  GROUPS_STARTED=()
  if [[ -n "$WATCHDOG_PID" ]]; then kill "$WATCHDOG_PID" 2>/dev/null || true; fi
}

# Sends TERM to this script after SECONDS (the trap then cleans up). Stopping
# the watchdog also stops its sleep, so nothing outlives the script.
start_watchdog() {
  local seconds="$1" me=$$
  (
    sleep "$seconds" &
    sleeper=$!
    trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
    wait "$sleeper" && { echo "watchdog: ${seconds}s budget exhausted" >&2; kill -TERM "$me"; }
  ) > /dev/null &
  WATCHDOG_PID=$!
}

# wait_until DESCRIPTION TIMEOUT_S PID CMD...: polls CMD every 0.25 s until it
# succeeds, the process group PID dies, or TIMEOUT_S passes.
wait_until() {
  local what="$1" timeout="$2" pid="$3"; shift 3
  local deadline=$((SECONDS + timeout))
  while (( SECONDS < deadline )); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || die "$what: process exited before it was ready"
    sleep 0.25
  done
  die "$what: not ready after ${timeout}s"
}

# Ready when /v1/status/leader answers a non-empty JSON string.
consulate_has_leader() {
  curl -sf --max-time 2 "http://127.0.0.1:$1/v1/status/leader" 2>/dev/null | grep -q '^"[^"]\+"$'
}

etcd_healthy() {
  curl -sf --max-time 2 "http://127.0.0.1:$1/health" 2>/dev/null | grep -q '"health": *"true"'
}

# Prints the pid of the java process inside process group PGID.
java_pid_in_group() {
  ps -e -o pid=,pgid=,comm= | awk -v g="$1" '$2 == g && $3 == "java" { print $1; exit }'
}

# Describes what is being measured: the repo's commit and the launcher and jar used.
build_info() {
  local rev jar
  rev="$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')"
  git -C "$REPO_DIR" diff --quiet 2>/dev/null || rev="$rev (uncommitted changes)"
  jar="$(dirname "$CONSULATE_BIN")/../target/consulate.jar"
  if [[ -f "$jar" ]]; then
    jar="jar built $(date -r "$jar" '+%Y-%m-%d %H:%M:%S')"
  else
    jar="no jar yet"
  fi
  echo "repo $rev; launcher $CONSULATE_BIN, $jar"
}

# Percentage of cpu time spent busy over the next second (all cpus, from /proc/stat).
cpu_busy_percent() {
  local a b
  a="$(head -1 /proc/stat)"; sleep 1; b="$(head -1 /proc/stat)"
  awk -v a="$a" -v b="$b" 'BEGIN {
    split(a, x); split(b, y); total = 0; busy = 0
    for (i = 2; i <= 9; i++) total += y[i] - x[i]   # user..steal; guest is inside user
    idle = (y[5] - x[5]) + (y[6] - x[6])            # idle + iowait
    if (total > 0) busy = 100 * (total - idle) / total
    printf "%.0f\n", busy }'
}

# Prints a warning line when other work keeps the cpus more than 10% busy.
busy_warning() {
  local busy; busy="$(cpu_busy_percent)"
  if (( busy > 10 )); then
    echo "WARNING: cpus ${busy}% busy before starting ($(nproc) cpus): other work will skew the figures"
  fi
}

# Median of the numbers given as arguments (empty output if none).
median() {
  (( $# > 0 )) || return 0
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The EXIT handler of every harness: stops the process groups it started, removes TMP_DIR unless
# KEEP_TMP=1 or the run failed (exit 1), and keeps the exit status. install_cleanup sets the traps.
bench_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_all_groups
  if [[ "${KEEP_TMP:-0}" == 1 || $rc -eq 1 ]]; then
    [[ -n "${TMP_DIR:-}" ]] && log "kept logs and data in $TMP_DIR"
  else
    [[ -n "${TMP_DIR:-}" ]] && rm -rf "$TMP_DIR"
  fi
  exit "$rc"
}
install_cleanup() {
  trap bench_cleanup EXIT
  trap 'exit 1' INT TERM
}

# Prints to the terminal and appends to RESULTS_FILE.
say() { printf '%s\n' "$*" | tee -a "$RESULTS_FILE"; }

# run_wrk NAME SCRIPT URL: one wrk run of bench/wrk/SCRIPT (THREADS, CONNECTIONS, RUN_SECONDS; output in
# TMP_DIR/round-ROUND-NAME.txt); sets RUN_RPS RUN_P50 RUN_P99 RUN_NON2XX RUN_ERRS RUN_OK.
run_wrk() {
  local name="$1" script="$2" url="$3" out="$TMP_DIR/round-$ROUND-$1.txt" line
  timeout $((RUN_SECONDS + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${RUN_SECONDS}s" \
    -s "$BENCH_DIR/wrk/$script" "$url" > "$out" 2>&1 || true
  line="$(grep '^BENCH ' "$out" || true)"
  field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<< "$line"; }
  if [[ -z "$line" ]]; then
    RUN_OK=0; RUN_RPS=0; RUN_P50=-; RUN_P99=-; RUN_NON2XX="?"; RUN_ERRS="?"
    return 0
  fi
  RUN_RPS="$(field rps)"
  RUN_P50="$(awk -v u="$(field p50_us)" 'BEGIN { printf "%.2f", u / 1000 }')"
  RUN_P99="$(awk -v u="$(field p99_us)" 'BEGIN { printf "%.2f", u / 1000 }')"
  RUN_NON2XX="$(field non2xx)"
  RUN_ERRS=$(( $(field connect_err) + $(field read_err) + $(field write_err) + $(field timeout_err) ))
  RUN_OK=1
  if grep -q 'Non-2xx or 3xx responses' "$out" || [[ "$RUN_NON2XX" != 0 || "$RUN_ERRS" != 0 ]]; then
    RUN_OK=0
  fi
}
