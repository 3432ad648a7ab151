// Placeholder preload bridge; being rewritten in this session.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('budgetdesk', { kind: 'electron', ping: () => ipcRenderer.invoke('app:ping') });
