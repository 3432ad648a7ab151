import { browserHost } from './browserHost';
import type { HostApi } from './types';

declare global {
  interface Window {
    /** Exposed by the Electron preload bridge; absent in the browser mode. */
    budgetdesk?: HostApi;
  }
}

export const host: HostApi = window.budgetdesk ?? browserHost;
export type { HostApi, MenuCommand, OpenedFile, RecentFile, RecoverableWork } from './types';
