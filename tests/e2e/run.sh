#!/usr/bin/env bash
# End-to-end tests of the real window: builds the app when its sources changed (npm run app:debug),
# installs tauri-driver when missing, and runs tests/e2e/*.test.mjs with `node --test` under Xvfb.
# Screenshots of every step go to artifacts/e2e/ (not committed). Exits non-zero on any failure.
# Works on a fresh CI clone, as root, with no display. Usage: bash tests/e2e/run.sh
# Environment: E2E_SKIP_BUILD=1 uses the binary as it is; TAURI_DRIVER_PORT (default 4444).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh

TAURI_DRIVER_VERSION=2.1.0
APP=target/debug/sotinhthuong
STAMP=target/debug/.e2e-built
SHOTS=artifacts/e2e

need_toolchain
need_node
# Xvfb and xauth (a display), WebKitWebDriver (the native driver under tauri-driver), ImageMagick
# (`import`, the screenshots) and poppler-utils (the report PDF's text and page size).
# locales: the window runs in Vietnamese (vi_VN.UTF-8, as on the commune's PC), so that GTK's
# own names (the PDF printer is "In ra tập tin") are the ones users get.
# xdotool: where the window sits on each test screen (screens-fit.test.mjs).
install_apt_packages xvfb xauth webkit2gtk-driver imagemagick poppler-utils locales xdotool
if ! locale -a 2>/dev/null | grep -qix 'vi_VN.utf8'; then
  step "localedef vi_VN.UTF-8"
  if [ "$(id -u)" -eq 0 ]; then localedef -i vi_VN -f UTF-8 vi_VN.UTF-8; else sudo localedef -i vi_VN -f UTF-8 vi_VN.UTF-8; fi
fi
install_npm_packages

# The window tests need the binary that serves ui/dist (feature custom-protocol), which only
# `npm run app:debug` makes; a plain `cargo build` of the same path loads the Vite dev URL. The
# stamp records that our build made the binary; any newer source or binary means building again.
needs_build() {
  [ -x "$APP" ] && [ -f "$STAMP" ] || return 0
  [ "$APP" -nt "$STAMP" ] && return 0
  [ -n "$(find src src-tauri/src src-tauri/capabilities src-tauri/Cargo.toml src-tauri/build.rs \
    ui/src ui/index.html ui/public migrations icons Cargo.toml Cargo.lock tauri.conf.json \
    package.json package-lock.json -newer "$STAMP" -print -quit 2>/dev/null)" ]
}
if [ "${E2E_SKIP_BUILD:-0}" != 1 ] && needs_build; then
  step "build the app for the window tests (npm run app:debug)"
  npm run --silent app:debug
  touch "$STAMP"
fi
[ -x "$APP" ] || { echo "Không có $APP: chạy npm run app:debug" >&2; exit 1; }
# The CLI makes the long demo book of long-book-pdf.test.mjs and plans its report's pages; the
# office_sheets example writes the Excel books that office-books.test.mjs imports.
cargo build --locked -q -p sotinhthuong-cli
cargo build --locked -q -p sotinhthuong --example office_sheets

if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  step "cargo install tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
fi

rm -rf "$SHOTS"
mkdir -p "$SHOTS"
step "window tests under Xvfb (screenshots in $SHOTS/)"
start=$(date +%s)
status=0
# why: a hung WebDriver session must not hold CI forever; the whole run takes about 80 s (the
# slips typed ahead, the screens at 1366×768, 1280×720 and 1920×1080, a month of work, a long PDF).
timeout --kill-after=15 600 \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  node --test --test-reporter=spec --test-concurrency=1 tests/e2e/*.test.mjs || status=$?
echo "e2e: $(( $(date +%s) - start )) s, $(find "$SHOTS" -name '*.png' | wc -l) screenshots in $SHOTS/"
exit "$status"
