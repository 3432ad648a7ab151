/**
 * The names shared/subjects/published.json holds: every code and name of the published sample
 * reports (test/fixtures), as the 科目 dictionary reads them. `npm run subjects` writes the file
 * again after a sample is added; a unit test keeps the two the same.
 */
import { buildSubjectDictionary } from '../../shared/subjects/dictionary';
import { builtInCatalog, findTemplate } from '../../shared/templates/catalog';
import { loadSample } from './fixtures';

const SAMPLES = ['final-2024-gaoxin', 'final-2023-jiefang', 'budget-2025-jiaozuo'] as const;

export function publishedSubjects(): Record<string, string> {
  return buildSubjectDictionary(
    SAMPLES.map((name) => {
      const report = loadSample(name);
      return { template: findTemplate(builtInCatalog, report.kind, report.year, report.template), report };
    }),
  ).toJSON();
}
