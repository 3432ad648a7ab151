/**
 * Writes the 20,000-row benchmark workbook as an .xlsx laid out for publication, for tests that
 * cannot build it themselves (the e2e tests run in plain Node, which cannot load the templates):
 *
 *   node electron/cli/run.mjs test/bench/write-large-xlsx.ts OUT.xlsx
 */
import { writeFileSync } from 'node:fs';
import { Workbook } from '../../shared/engine/workbook';
import { writePublicationXlsx } from '../../shared/io/xlsx/publication';
import { generateLargeReport } from './large-report';

const [out] = process.argv.slice(2);
if (!out) throw new Error('用法：node electron/cli/run.mjs test/bench/write-large-xlsx.ts 输出.xlsx');
writeFileSync(out, await writePublicationXlsx(Workbook.open(generateLargeReport({ itemRows: 20_000 }))));
