/**
 * What the kill test (test/unit/electron/save-kill.test.ts) saves: version N of a large file. Every
 * 64 KiB block names its version, so two versions differ throughout and a file that is part one
 * version and part another, or cut short, equals no version.
 */
const BLOCK = 64 * 1024;

export function versionBytes(version: number, size: number): Buffer {
  const bytes = Buffer.alloc(size, version % 251);
  for (let at = 0; at < size; at += BLOCK) bytes.write(`版本 ${version} 块 ${at / BLOCK}\n`, at, 'utf8');
  return bytes;
}

/** The version a file's first block names, or null when it names none. */
export function claimedVersion(bytes: Buffer): number | null {
  const named = /^版本 (\d+) 块 0\n/u.exec(bytes.subarray(0, 64).toString('utf8'));
  return named ? Number(named[1]) : null;
}
