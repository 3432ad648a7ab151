// Prints the CI summary line "N passed, N failed" from the JSON reports the test runners wrote
// (vitest: numPassedTests/numFailedTests; Playwright: stats.expected/unexpected). A report that is
// missing (its runner never started or crashed) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`缺少测试结果 ${file}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (report.stats) {
    passed += (report.stats.expected ?? 0) + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected ?? 0;
    failed += (report.errors ?? []).length;
  } else {
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    if (report.success === false && (report.numFailedTests ?? 0) === 0) failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
