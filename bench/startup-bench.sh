#!/usr/bin/env bash
# Licensed under the Apache License, Version 2.0.
#
# Dev agent start-up as an operator sees it: from `bin/consulate agent -dev` to the first
# /v1/status/leader answer naming a leader, RUNS times (default 5), with the launcher's class-data-sharing
# archive (CONSULATE_CDS=1, the default; the first run after a build writes the archive) and without it.
# Target (issue 2): leader known and API ready within 2 s. Prints each run and the medians.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${RUNS:-5}"
PORT="${PORT:-18700}"
[ -f target/consulate.jar ] || ./mvnw -q -B -DskipTests package

one() { # CDS: prints milliseconds to ready
  local t0 t1 pid deadline
  t0=$(date +%s%N)
  CONSULATE_CDS="$1" bin/consulate agent -dev -http-port="$PORT" -server-port=$((PORT + 1)) -dns-port=-1 \
    > /dev/null 2>&1 &
  pid=$!
  deadline=$(( $(date +%s) + 30 ))
  until curl -sf "http://127.0.0.1:$PORT/v1/status/leader" 2>/dev/null | grep -q 127; do
    [ "$(date +%s)" -lt "$deadline" ] || { kill "$pid"; echo "no leader within 30 s" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

one 1 > /dev/null # writes the archive if the jar is new
for cds in 1 0; do
  times=()
  for _ in $(seq "$RUNS"); do times+=("$(one "$cds")"); done
  echo "CONSULATE_CDS=$cds: ${times[*]} ms; median $(median "${times[@]}") ms (target <= 2000 ms)"
done
