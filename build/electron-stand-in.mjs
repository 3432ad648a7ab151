// The stand-in for Electron's executable that `npm run dist:dir-check` and test/unit/packaging.test.ts
// pack instead of the real one, which cannot be downloaded offline. It is no program, but it carries
// Electron's fuse wire set as Electron ships it, so the packaging's fuse step flips it as it would
// flip the real executable, and the test reads back what was set.
import fs from 'node:fs';

// The wire (Electron's docs/tutorial/fuses.md, "the hard way"): this sentinel, the schema version
// (1), the number of fuses, then one byte per fuse, '1' on, '0' off.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const SCHEMA_VERSION = 1;

/**
 * Electron's defaults in wire order: RunAsNode on, EnableCookieEncryption off,
 * EnableNodeOptionsEnvironmentVariable on, EnableNodeCliInspectArguments on,
 * EnableEmbeddedAsarIntegrityValidation off, OnlyLoadAppFromAsar off,
 * LoadBrowserProcessSpecificV8Snapshot off, GrantFileProtocolExtraPrivileges on, and a ninth,
 * WasmTrapHandlers on (electron/electron#48983), which @electron/fuses 1.8 has no name for.
 */
export const DEFAULT_FUSES = '101100011';

export function writeElectronStandIn(file) {
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([SCHEMA_VERSION, DEFAULT_FUSES.length]),
    Buffer.from(DEFAULT_FUSES),
  ]);
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.from('stand-in for the Electron executable\n'), wire, Buffer.from('\n')]),
    { mode: 0o755 },
  );
}
