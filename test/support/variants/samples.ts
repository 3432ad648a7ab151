/**
 * The four canonical sample files the generators start from, with what a test must know about
 * them: the template they are made from and which template table each sheet is, in sheet order.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtInCatalog } from '../../../shared/templates/catalog';
import { readBook, type BookModel } from './sheet-model';

/** The part of a template JSON file the generators use. */
export interface TemplateTables {
  id: string;
  year: number;
  tables: { id: string; title: string; layout: string; columns: { label: string; side?: string }[] }[];
}

export interface Sample {
  /** File name, which the variants and damaged files keep. */
  file: string;
  template: TemplateTables;
  /** The template table of each sheet, in sheet order. */
  tables: readonly string[];
}

const FINAL_TABLES = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `公开0${n}表`);
const template = (id: string): TemplateTables => builtInCatalog.templates.find((t) => t.id === id)!;
const final2023 = template('final-2023');
const final2024 = template('final-2024');
const shanghai2024 = template('final-2024-shanghai');
const budget2025 = template('budget-2025');

export const SAMPLES: readonly Sample[] = [
  { file: 'final-2023-jiefang.xlsx', template: final2023, tables: FINAL_TABLES },
  { file: 'final-2024-gaoxin.xlsx', template: final2024, tables: FINAL_TABLES },
  // Shanghai prints no table codes and orders the last three 三公, 政府性基金, 国有资本经营.
  {
    file: 'final-2024-shanghai.xlsx',
    template: shanghai2024,
    tables: [
      '公开01表',
      '公开02表',
      '公开03表',
      '公开04表',
      '公开05表',
      '公开06表',
      '公开09表',
      '公开07表',
      '公开08表',
    ],
  },
  // The budget prints 预算01表 … 预算15表 in the template's order.
  { file: 'budget-2025-jiaozuo.xlsx', template: budget2025, tables: budget2025.tables.map((t) => t.id) },
];

export function sampleBytes(sample: Sample): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/xlsx/${sample.file}`, import.meta.url)));
}

export function readSample(sample: Sample): Promise<BookModel> {
  return readBook(sampleBytes(sample), sample.tables);
}
