#!/usr/bin/env bash
# Smoke test of the Linux installer as a user gets it: installs the .deb made by `npm run app:build`
# with apt, starts the installed program under Xvfb on a fresh book (SOTINHTHUONG_DB), and checks
# through WebDriver that its first screen appears with Vietnamese text; a screenshot goes to
# artifacts/deb-smoke/. Needs root (or sudo) for apt. Leaves the package installed.
# Usage: bash tests/e2e/deb-smoke.sh [path/to/sotinhthuong.deb]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh

TAURI_DRIVER_VERSION=2.1.0
DEB="${1:-$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -n 1)}"
if [ -z "$DEB" ] || [ ! -f "$DEB" ]; then
  echo "Không thấy tệp .deb: chạy npm run app:build trước (target/release/bundle/deb/)." >&2
  exit 1
fi
case "$DEB" in /*) ;; *) DEB="./$DEB" ;; esac

need_node
install_apt_packages xvfb xauth webkit2gtk-driver imagemagick
install_npm_packages
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  step "cargo install tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
# Debian accepts only lowercase ASCII package names; Tauri derives the name from productName, so a
# Vietnamese productName ("Sổ Tình Thương") makes a package that dpkg refuses to install.
package="$(dpkg-deb -I "$DEB" control | sed -n 's/^Package: //p')"
if ! [[ "$package" =~ ^[a-z0-9][a-z0-9+.-]+$ ]]; then
  echo "Gói $DEB có tên “$package”: dpkg chỉ nhận chữ thường không dấu, số và + . - (đặt productName ASCII cho Linux)." >&2
  exit 1
fi
step "apt-get install $DEB ($(du -h "$DEB" | cut -f1), package $package $(dpkg-deb -f "$DEB" Version))"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$DEB" >/dev/null

# What the package put on the machine: the program, its menu entry with the Vietnamese name, an icon.
app="/usr/bin/$(dpkg -L "$package" | sed -n 's|^/usr/bin/||p' | head -n 1)"
[ -x "$app" ] || { echo "Gói $package không cài chương trình vào /usr/bin" >&2; exit 1; }
desktop="$(dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$' | head -n 1)"
[ -n "$desktop" ] || { echo "Gói $package không có mục trong menu (.desktop)" >&2; exit 1; }
grep -q '^Name=Sổ Tình Thương$' "$desktop" || { echo "Mục menu $desktop không mang tên Sổ Tình Thương" >&2; exit 1; }
dpkg -L "$package" | grep -q '^/usr/share/icons/.*\.png$' || { echo "Gói $package không có biểu tượng" >&2; exit 1; }
echo "installed $app, menu entry $desktop"

rm -rf artifacts/deb-smoke
mkdir -p artifacts/deb-smoke
step "start the installed $app under Xvfb"
E2E_APP="$app" E2E_SHOTS=artifacts/deb-smoke \
  timeout --kill-after=15 300 \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  node --test --test-reporter=spec tests/e2e/smoke/first-screen.test.mjs
echo "deb smoke: ok ($(du -h "$DEB" | cut -f1) $DEB; screenshot in artifacts/deb-smoke/)"
