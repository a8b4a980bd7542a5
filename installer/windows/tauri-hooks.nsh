; Hooks into Tauri's own NSIS installer, the one the forge builds with WebView2 carried offline
; (tauri.conf.json: bundle > windows > nsis > installerHooks).

!macro NSIS_HOOK_PREUNINSTALL
  ; why: Tauri's uninstaller offers a box "delete the application data", which would delete
  ; %APPDATA%\vn.sotinhthuong.desktop, where the book lives (and its WebView2 data beside it).
  ; Uninstalling never deletes the books: whatever the box says, nothing of it is deleted. The
  ; backups are in Documents, which no uninstaller touches.
  StrCpy $DeleteAppDataCheckboxState 0
  DetailPrint "Sổ sách và bản sao lưu được giữ nguyên / The books and backups are kept"
!macroend
