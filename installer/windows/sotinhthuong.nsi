; The Windows installer of Sổ Tình Thương, made with Debian's makensis by scripts/test-windows.sh
; (the forge also builds Tauri's own NSIS installer, which carries WebView2 offline; see
; .github/workflows/windows.yml). Per user, no administrator needed: the program goes under the
; user's programs folder, with a Start-menu and a desktop shortcut. Vietnamese first, English
; second.
;
; The uninstaller removes exactly the files this installer put there, and nothing else: the books
; (in %APPDATA%\vn.sotinhthuong.desktop unless the clerk chose another file) and the backups (in
; Documents\Sổ Tình Thương\Sao lưu, or a USB stick) are never touched.
;
; makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSTAGE=<folder with the files> -DOUTFILE=<setup.exe>

; why: the program is x86-64 only, and a 64-bit installer also runs under wine64 in the tests
; (no 32-bit wine needed). It implies Unicode.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "usage: makensis -INPUTCHARSET UTF8 -DVERSION=x.y.z -DSTAGE=folder -DOUTFILE=setup.exe sotinhthuong.nsi"
!endif
!ifndef STAGE
  !error "STAGE: the folder holding sotinhthuong.exe, WebView2Loader.dll, sotinhthuong-cli.exe, icon.ico, LICENSE.txt"
!endif
!ifndef OUTFILE
  !error "OUTFILE: the installer to write"
!endif

!define PRODUCT "Sổ Tình Thương"
!define APPID "vn.sotinhthuong.desktop"
!define PUBLISHER "Sổ Tình Thương"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"
!define SETTINGSKEY "Software\${APPID}"
; The WebView2 runtime's client id, as Microsoft documents how to detect it.
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${SETTINGSKEY}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} — bộ cài"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "© 2026 Sổ Tình Thương — giấy phép MIT"

!include MUI2.nsh
!include LogicLib.nsh

!define MUI_ICON "${STAGE}\icon.ico"
!define MUI_UNICON "${STAGE}\icon.ico"
!define MUI_ABORTWARNING
; why: the language chooser shows each language in its own name; Vietnamese is first and the
; default, English second.
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${SETTINGSKEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\sotinhthuong.exe"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(BooksKept)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString WebView2Missing ${LANG_VIETNAMESE} "Máy này chưa có Microsoft Edge WebView2 Runtime, phần Windows dùng để hiện cửa sổ ${PRODUCT}.$\r$\n$\r$\n${PRODUCT} vẫn được cài. Trước khi mở, hãy cài WebView2: dùng bộ cài ${PRODUCT} có kèm WebView2, hoặc tải “Evergreen Standalone Installer” (x64) tại https://developer.microsoft.com/microsoft-edge/webview2/ ở một máy có mạng, chép sang bằng USB rồi chạy nó."
LangString WebView2Missing ${LANG_ENGLISH} "This computer has no Microsoft Edge WebView2 Runtime, which ${PRODUCT} needs for its window.$\r$\n$\r$\n${PRODUCT} is installed anyway. Before starting it, install WebView2: use the ${PRODUCT} installer that carries WebView2, or get the WebView2 “Evergreen Standalone Installer” (x64) from https://developer.microsoft.com/microsoft-edge/webview2/ on a computer with internet and bring it over on a USB stick."
LangString BooksKept ${LANG_VIETNAMESE} "Chỉ gỡ chương trình. Sổ sách (trong %APPDATA%\${APPID} hoặc tệp sổ đã chọn) và các bản sao lưu (trong Tài liệu\${PRODUCT}\Sao lưu hoặc trên USB) được giữ nguyên."
LangString BooksKept ${LANG_ENGLISH} "Only the program is removed. The books (in %APPDATA%\${APPID} or the book file chosen) and the backups (in Documents\${PRODUCT}\Sao lưu or on a USB stick) are kept."
LangString ShortcutName ${LANG_VIETNAMESE} "${PRODUCT}"
LangString ShortcutName ${LANG_ENGLISH} "${PRODUCT}"

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; The installed WebView2 runtime's version in $0, empty when there is none (per machine, seen
; from 32- and 64-bit Windows alike, or per user).
Function WebView2Version
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  SetRegView lastused
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

Section "Install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\sotinhthuong.exe"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\sotinhthuong-cli.exe"
  File "${STAGE}\icon.ico"
  File "${STAGE}\LICENSE.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\$(ShortcutName).lnk" "$INSTDIR\sotinhthuong.exe" "" "$INSTDIR\icon.ico"
  CreateShortCut "$DESKTOP\$(ShortcutName).lnk" "$INSTDIR\sotinhthuong.exe" "" "$INSTDIR\icon.ico"

  WriteRegStr HKCU "${SETTINGSKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1

  Call WebView2Version
  ${If} $0 == ""
    ; why: the window cannot open without it; say so now, in the clerk's language, and how to
    ; get it without internet. A silent install goes on (the program says it again at start).
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(WebView2Missing)" /SD IDOK
    DetailPrint "WebView2: —"
  ${Else}
    DetailPrint "WebView2: $0"
  ${EndIf}
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Exactly the files installed: never a folder removed with what is in it.
  Delete "$INSTDIR\sotinhthuong.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\sotinhthuong-cli.exe"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\$(ShortcutName).lnk"
  Delete "$DESKTOP\$(ShortcutName).lnk"

  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegValue HKCU "${SETTINGSKEY}" "InstallDir"
  DeleteRegValue HKCU "${SETTINGSKEY}" "InstallerLanguage"
  DeleteRegKey /ifempty HKCU "${SETTINGSKEY}"
  DetailPrint "$(BooksKept)"
SectionEnd
