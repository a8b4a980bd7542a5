#!/usr/bin/env bash
# Starts the Windows window app under wine in a virtual display and checks its first window. Wine
# has no WebView2 runtime, so the app must open its message box "Sổ Tình Thương" saying what to
# install (also written to stderr), and exit with code 1 once it is answered: proof that the exe
# loads with every DLL it imports (WebView2Loader.dll beside it) and fails with words, not a
# crash. Usage: scripts/windows/first-window.sh EXE SCREENSHOT.png (WINEPREFIX as set up by
# scripts/test-windows.sh).
set -euo pipefail
exe=$1
shot=$2
err=$(mktemp)
trap 'rm -f "$err"' EXIT
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  exe=$1 shot=$2 err=$3
  wine "$exe" 2>"$err" &
  pid=$!
  id=""
  for _ in $(seq 1 120); do
    id=$(xdotool search --name "Sổ Tình Thương" 2>/dev/null | head -1 || true)
    [ -n "$id" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ -z "$id" ]; then
    echo "no window “Sổ Tình Thương” appeared; the program said:" >&2
    cat "$err" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 1
  import -window root "$shot"
  xdotool windowactivate --sync "$id" key Return 2>/dev/null || xdotool key Return
  rc=0
  wait "$pid" || rc=$?
  echo "the app closed with exit code $rc after its message box"
  [ "$rc" -eq 1 ]
' _ "$exe" "$shot" "$err"
if ! grep -q "Máy này chưa có Microsoft Edge WebView2 Runtime" "$err"; then
  echo "the app did not say that WebView2 is missing; it said:" >&2
  cat "$err" >&2
  exit 1
fi
echo "first window: the WebView2 message, in Vietnamese first (screenshot $shot)"
