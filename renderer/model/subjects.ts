/**
 * The 科目 dictionary the insert dialog fills names from (shared/subjects/dictionary.ts): the open
 * report first, then the sample reports, then the templates. The samples are read when the dialog
 * first asks, not at start-up.
 */
import type { Workbook } from '../../shared/engine/workbook';
import type { ReportFile } from '../../shared/model/report';
import {
  buildSubjectDictionary,
  type SubjectDictionary,
  type SubjectSource,
} from '../../shared/subjects/dictionary';
import { builtInCatalog, findTemplate } from '../../shared/templates/catalog';

const sampleFiles = import.meta.glob<ReportFile>('../../test/fixtures/*.json', { import: 'default' });

let samples: Promise<SubjectSource[]> | null = null;

function loadSamples(): Promise<SubjectSource[]> {
  samples ??= Promise.all(Object.values(sampleFiles).map((load) => load())).then((reports) =>
    reports.map((report) => ({
      template: findTemplate(builtInCatalog, report.kind, report.year, report.template),
      report,
    })),
  );
  return samples;
}

export async function subjectDictionary(workbook: Workbook): Promise<SubjectDictionary> {
  return buildSubjectDictionary([
    { template: workbook.template, report: workbook.toReport() },
    ...(await loadSamples()),
    ...builtInCatalog.templates.map((template) => ({ template })),
  ]);
}
