/**
 * The 科目 dictionary the insert dialog fills names from (shared/subjects/dictionary.ts): the open
 * report first, then the names of the published documents the program was built on
 * (shared/subjects/published.json), then the templates.
 */
import type { Workbook } from '../../shared/engine/workbook';
import { buildSubjectDictionary, type SubjectDictionary } from '../../shared/subjects/dictionary';
import published from '../../shared/subjects/published.json';
import { builtInCatalog } from '../../shared/templates/catalog';

export function subjectDictionary(workbook: Workbook): SubjectDictionary {
  return buildSubjectDictionary([
    { template: workbook.template, report: workbook.toReport() },
    { names: published },
    ...builtInCatalog.templates.map((template) => ({ template })),
  ]);
}
