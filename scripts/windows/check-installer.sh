#!/usr/bin/env bash
# Checks the Windows installer made by scripts/test-windows.sh, as an office would get it:
#   - it is a 64-bit Windows program, and holds exactly the program's files (the window app,
#     WebView2Loader.dll, the CLI, the icon, the licence, the uninstaller), the app being the very
#     exe just built, a PE32+ x86-64 GUI program;
#   - installed silently under wine, it puts them under the user's programs folder, with a
#     Start-menu and a desktop shortcut "Sổ Tình Thương" and an entry in Apps & features;
#   - uninstalled silently, it removes them and leaves the books (app data), the backups
#     (Documents) and any file of the clerk's in its folder.
# Usage: scripts/windows/check-installer.sh INSTALLER.exe (WINEPREFIX set up by test-windows.sh,
# the built exe in $BIN).
set -euo pipefail
installer=$1
BIN=${BIN:-target/x86_64-pc-windows-gnu/windows-release}
fail() { echo "installer: $*" >&2; exit 1; }

file -b "$installer" | grep -q '^PE32+ executable (GUI) x86-64' || fail "not a 64-bit Windows program: $(file -b "$installer")"
echo "installer: $installer, $(du -k "$installer" | cut -f1) KiB"

# ---- what is inside ------------------------------------------------------------------------
listing=$(7z l -slt "$installer")
# why: 7z names the archive itself first; its files come after the "----------" line.
entries=$(printf '%s\n' "$listing" | sed -n '/^----------$/,$p')
inside=$(printf '%s\n' "$entries" | sed -n 's/^Path = //p' | grep -v '^\$PLUGINSDIR/' | sort)
expected=$(printf '%s\n' LICENSE.txt WebView2Loader.dll icon.ico sotinhthuong-cli.exe sotinhthuong.exe uninstall.exe | sort)
echo "inside:"
printf '%s\n' "$entries" | awk '/^Path = /{p=substr($0, 8)} /^Size = /{ if (p != "" && p !~ /^\$PLUGINSDIR/) { s=substr($0, 8); printf "  %-24s %s\n", p, (s == "" ? "(written when installing)" : s " bytes") } p="" }'
[ "$inside" = "$expected" ] || fail "holds $(echo $inside), expected $(echo $expected)"
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
7z x -y -o"$unpacked" "$installer" sotinhthuong.exe WebView2Loader.dll >/dev/null
file -b "$unpacked/sotinhthuong.exe" | grep -q '^PE32+ executable (GUI) x86-64' \
  || fail "its sotinhthuong.exe is not a PE32+ x86-64 GUI program: $(file -b "$unpacked/sotinhthuong.exe")"
cmp -s "$unpacked/sotinhthuong.exe" "$BIN/sotinhthuong.exe" || fail "its sotinhthuong.exe is not the one just built"
cmp -s "$unpacked/WebView2Loader.dll" "$BIN/WebView2Loader.dll" || fail "its WebView2Loader.dll is not the built one"
echo "  sotinhthuong.exe: $(file -b "$unpacked/sotinhthuong.exe")"

# ---- a silent install and uninstall under wine -----------------------------------------------
user="$WINEPREFIX/drive_c/users/$(id -un)"
programs="$user/AppData/Local/Programs/Sổ Tình Thương"
start_menu="$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Sổ Tình Thương.lnk"
desktop="$user/Desktop/Sổ Tình Thương.lnk"
uninst_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\vn.sotinhthuong.desktop'
rm -rf "$programs" "$start_menu" "$desktop"

wine "$installer" /S
wineserver --wait
for f in sotinhthuong.exe WebView2Loader.dll sotinhthuong-cli.exe icon.ico LICENSE.txt uninstall.exe; do
  [ -f "$programs/$f" ] || fail "the install left no $f in $programs"
done
[ -f "$start_menu" ] || fail "no Start-menu shortcut"
[ -f "$desktop" ] || fail "no desktop shortcut"
wine reg query "$uninst_key" /v DisplayVersion >/dev/null 2>&1 || fail "no entry in Apps & features"
echo "installed: $programs (shortcuts in the Start menu and on the desktop, an uninstall entry)"

# A book, a backup and a file of the clerk's, which the uninstaller must leave.
book="$user/AppData/Roaming/vn.sotinhthuong.desktop/so-tinh-thuong.db"
backup="$user/Documents/Sổ Tình Thương/Sao lưu/so-tinh-thuong-saoluu-2026-02-01.db"
note="$programs/ghi chú của chị Lan.txt"
mkdir -p "$(dirname "$book")" "$(dirname "$backup")"
printf 'sổ\n' >"$book"
printf 'sao lưu\n' >"$backup"
printf 'của tôi\n' >"$note"

wine "$programs/uninstall.exe" /S
wineserver --wait
for f in sotinhthuong.exe WebView2Loader.dll sotinhthuong-cli.exe icon.ico LICENSE.txt uninstall.exe; do
  [ ! -e "$programs/$f" ] || fail "the uninstall left $f"
done
[ ! -e "$start_menu" ] && [ ! -e "$desktop" ] || fail "the uninstall left a shortcut"
! wine reg query "$uninst_key" >/dev/null 2>&1 || fail "the uninstall left its Apps & features entry"
[ -f "$book" ] && [ "$(cat "$book")" = "sổ" ] || fail "the uninstall touched the book"
[ -f "$backup" ] || fail "the uninstall touched the backups"
[ -f "$note" ] || fail "the uninstall deleted a file it did not install"
rm -f "$note" "$book" "$backup"
rmdir "$programs" 2>/dev/null || true
echo "uninstalled: the program's files, shortcuts and entry are gone; the book, the backup and the clerk's own file are kept"
