// Types of build/electron-stand-in.mjs for the tests that use it.
export const DEFAULT_FUSES: string;
export function writeElectronStandIn(file: string): void;
