#!/usr/bin/env bash
# The clerk benchmark (issue 16): a month of 20 paper slips typed into the real window by keys
# alone on a 1366×768 screen; prints the time and the keys per slip (typing keys apart from Tab,
# Enter, arrows and shortcuts) and whether every slip was saved as typed. Builds the debug app
# (as the window tests do) unless E2E_SKIP_BUILD=1; E2E_APP=FILE measures another build.
# Usage: bash scripts/bench-clerk.sh [--careful]   (default: each slip in one burst, no pause)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need_toolchain
need_node
install_apt_packages xvfb xauth webkit2gtk-driver imagemagick xdotool
install_npm_packages
if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then npm run --silent app:debug; fi
cargo build --locked -q -p sotinhthuong-cli
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  cargo install tauri-driver --version 2.1.0 --locked
fi
mkdir -p artifacts/e2e
node tests/e2e/bench/clerk-month.mjs "$@"
