/**
 * `npm run bench:import`: how long importing an .xlsx takes compared with exceljs merely loading
 * the same file, for the two samples and a 20,000-row report written as a publication workbook.
 * With --json, one JSON object on stdout.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { Workbook } from '../../shared/engine/workbook';
import { writePublicationXlsx } from '../../shared/io/xlsx/publication';
import { readXlsx } from '../../shared/io/xlsx/readXlsx';
import { generateLargeReport } from './large-report';
import { median } from './measure';

async function time(run: () => Promise<unknown>, times: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(samples);
}

const files: { name: string; bytes: Uint8Array; times: number }[] = [
  {
    name: 'final-2023-jiefang.xlsx',
    bytes: new Uint8Array(readFileSync('test/fixtures/xlsx/final-2023-jiefang.xlsx')),
    times: 9,
  },
  {
    name: 'final-2024-gaoxin.xlsx',
    bytes: new Uint8Array(readFileSync('test/fixtures/xlsx/final-2024-gaoxin.xlsx')),
    times: 9,
  },
  {
    name: 'large-20000.xlsx',
    bytes: await writePublicationXlsx(Workbook.open(generateLargeReport({ itemRows: 20_000 }))),
    times: 3,
  },
];

const results: Record<string, { bytes: number; importMs: number; exceljsLoadMs: number; ratio: number }> = {};
for (const { name, bytes, times } of files) {
  const exceljsLoadMs = await time(
    () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer),
    times,
  );
  const importMs = await time(() => readXlsx(name, bytes), times);
  results[name] = { bytes: bytes.length, importMs, exceljsLoadMs, ratio: importMs / exceljsLoadMs };
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results));
} else {
  console.log('导入 .xlsx（readXlsx）与 exceljs 仅载入同一文件的耗时（中位数）');
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(26)} ${(r.bytes / 1024).toFixed(0).padStart(6)} KB  导入 ${r.importMs.toFixed(0).padStart(6)} ms  exceljs ${r.exceljsLoadMs.toFixed(0).padStart(6)} ms  比值 ${r.ratio.toFixed(2)}×`,
    );
  }
}
