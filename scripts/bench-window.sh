#!/usr/bin/env bash
# The window at ten years of books (issue 7): time from launch to the first screen's data (the
# overview's reply, which the screen paints in the next frame; its request is printed beside it),
# memory (PSS) of all the app's processes when idle on a 1M-movement book, and the .deb's size.
# Runs the release app under Xvfb. Usage: bash scripts/bench-window.sh [MOVEMENTS] (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1000000}"
runs="${RUNS:-5}"
# why: always build (incremental when nothing changed), so a stale binary is never measured.
npm run --silent app:build
cargo build --release --locked -q -p sotinhthuong-cli
mkdir -p target/bench-books
db="target/bench-books/cli-demo-$size.db"
[ -s "$db" ] || target/release/sotinhthuong-cli --db "$db" demo --movements "$size"

descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
pss_kb() { awk '/^Pss:/ {s+=$2} END {print s+0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

launch=()
asked=()
for i in $(seq "$runs"); do
  log=$(mktemp)
  SOTINHTHUONG_TIMING=1 SOTINHTHUONG_DB="$db" xvfb-run -a -s "-screen 0 1280x800x24" \
    target/release/sotinhthuong 2>"$log" &
  runner=$!
  for _ in $(seq 300); do grep -q first-data-reply-ms "$log" && break; sleep 0.1; done
  ms=$(grep -o 'first-data-reply-ms=[0-9]*' "$log" | cut -d= -f2 || true)
  launch+=("${ms:-NA}")
  ms=$(grep -o 'first-data-request-ms=[0-9]*' "$log" | cut -d= -f2 || true)
  asked+=("${ms:-NA}")
  if [ "$i" -eq "$runs" ]; then
    sleep 10 # idle, first screen shown
    app=$(pgrep -n -f "^target/release/sotinhthuong" || true)
    total=0
    for p in $app $(descendants "$app"); do total=$((total + $(pss_kb "$p"))); done
    echo "memory (PSS) of the app and its WebKit processes, idle: $((total / 1024)) MB"
  fi
  pkill -f "^target/release/sotinhthuong" || true
  wait "$runner" 2>/dev/null || true
  rm -f "$log"
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "launch to the first screen's data request (ms), $runs runs: $(printf '%s\n' "${asked[@]}" | sort -n | tr '\n' ' ')(median $(median "${asked[@]}"))"
echo "launch to the first screen's data (ms), $runs runs: $(printf '%s\n' "${launch[@]}" | sort -n | tr '\n' ' ')(median $(median "${launch[@]}"))"
deb=$(ls target/release/bundle/deb/*.deb | head -n 1)
echo ".deb: $deb, $(( $(stat -c %s "$deb") / 1024 )) KB"
