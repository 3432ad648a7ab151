; Included by electron-builder's NSIS installer (nsis.include in build/electron-builder.yml).
;
; .xlsx files get this program as one more entry of Explorer's "打开方式" (Open with): the ProgID
; BudgetDesk.xlsx, whose file type is named "预决算公开表 (Excel)", is listed under
; .xlsx\OpenWithProgids, and Applications\<exe> gives the program's name. The default value of .xlsx,
; the program that opens .xlsx on a double click, is left as it is (Excel, WPS or the user's own
; choice; Windows 8 and later keep that choice in the hash-protected UserChoice key, which no
; installer may set). SHELL_CONTEXT is HKCU for a per-user and HKLM for a per-machine install.

!ifndef BUDGETDESK_PROGID
!define BUDGETDESK_PROGID "BudgetDesk.xlsx"
!endif

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${BUDGETDESK_PROGID}" "" "预决算公开表 (Excel)"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${BUDGETDESK_PROGID}" "FriendlyTypeName" "预决算公开表 (Excel)"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${BUDGETDESK_PROGID}\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${BUDGETDESK_PROGID}\shell\open\command" "" '"$appExe" "%1"'
  WriteRegNone SHELL_CONTEXT "Software\Classes\.xlsx\OpenWithProgids" "${BUDGETDESK_PROGID}"
  ; The name shown for the program in "打开方式" and the types it offers to open.
  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}" "FriendlyAppName" "${PRODUCT_NAME}"
  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}\SupportedTypes" ".xlsx" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}\shell\open\command" "" '"$appExe" "%1"'
  ; SHCNE_ASSOCCHANGED, SHCNF_FLUSH: Explorer rereads the associations.
  System::Call "shell32::SHChangeNotify(i 0x08000000, i 0x1000, p 0, p 0)"
!macroend

!macro customUnInstall
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.xlsx\OpenWithProgids" "${BUDGETDESK_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${BUDGETDESK_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}"
  System::Call "shell32::SHChangeNotify(i 0x08000000, i 0x1000, p 0, p 0)"
!macroend
