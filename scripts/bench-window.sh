#!/usr/bin/env bash
# The window at ten years of books (issue 7): time from launch to the first screen's data request,
# memory (PSS) of all the app's processes when idle on a 1M-movement book, and the .deb's size.
# Runs the release app under Xvfb. Usage: bash scripts/bench-window.sh [MOVEMENTS] (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1000000}"
runs="${RUNS:-5}"
if [ ! -x target/release/sotinhthuong ] || [ -z "$(ls target/release/bundle/deb/*.deb 2>/dev/null)" ]; then
  npm run --silent app:build
fi
cargo build --release --locked -q -p sotinhthuong-cli
mkdir -p target/bench-books
db="target/bench-books/cli-demo-$size.db"
[ -s "$db" ] || target/release/sotinhthuong-cli --db "$db" demo --movements "$size"

descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
pss_kb() { awk '/^Pss:/ {s+=$2} END {print s+0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

launch=()
for i in $(seq "$runs"); do
  log=$(mktemp)
  SOTINHTHUONG_TIMING=1 SOTINHTHUONG_DB="$db" xvfb-run -a -s "-screen 0 1280x800x24" \
    target/release/sotinhthuong 2>"$log" &
  runner=$!
  for _ in $(seq 300); do grep -q first-data-request-ms "$log" && break; sleep 0.1; done
  ms=$(grep -o 'first-data-request-ms=[0-9]*' "$log" | cut -d= -f2 || true)
  launch+=("${ms:-NA}")
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
sorted=$(printf '%s\n' "${launch[@]}" | sort -n | tr '\n' ' ')
echo "launch to first data request (ms), $runs runs: $sorted(median $(printf '%s\n' "${launch[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"))"
deb=$(ls target/release/bundle/deb/*.deb | head -n 1)
echo ".deb: $deb, $(( $(stat -c %s "$deb") / 1024 )) KB"
