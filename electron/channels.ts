/** The IPC channels between the preload bridge and the main process: one name per HostApi call. */
export const Channel = {
  openReport: 'file:open-report',
  openFile: 'file:open',
  saveReport: 'file:save-report',
  saveFile: 'file:save',
  recentFiles: 'file:recent',
  openRecent: 'file:open-recent',
  pendingFile: 'file:pending',
  documentState: 'window:document-state',
  closeWindow: 'window:close',
  print: 'print:print',
  savePdf: 'print:pdf',
  snapshot: 'recovery:snapshot',
  recoverableWork: 'recovery:list',
  recover: 'recovery:open',
  discardRecoverable: 'recovery:discard',
  unavailableCommands: 'menu:unavailable',
  /** Main → renderer. */
  command: 'menu:command',
  deliverFile: 'file:deliver',
} as const;
