# Shared helpers of scripts/run and scripts/test.
# shellcheck shell=bash

# System packages the tests need (HTML→PDF layout tests, PDF checks).
# Build: the Tauri window (WebKitGTK). Tests: HTML→PDF layout (chromium), PDF checks.
BUILD_APT_PACKAGES="libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev pkg-config"
TEST_APT_PACKAGES="chromium poppler-utils ledger"

step() { printf '\n==> %s\n' "$*"; }

need_toolchain() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "Cần Rust (cargo) ≥ 1.90: cài từ https://rustup.rs rồi chạy lại." >&2
    exit 1
  fi
}

# Installs the Debian packages that are missing, when we can (root or sudo).
install_apt_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "Thiếu gói hệ thống: ${missing[*]} (cần quyền root để cài)." >&2
      return 1
    fi
  fi
  step "apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

need_node() {
  if ! command -v node >/dev/null 2>&1 || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "Cần Node.js ≥ 20.19 (và npm): cài từ https://nodejs.org rồi chạy lại." >&2
    exit 1
  fi
}

# npm packages of the UI and the test tooling, exactly as locked.
install_npm_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "npm ci"
    npm ci --no-audit --no-fund
  fi
}
