/**
 * Next year's 补充信息 from last year's report: the fields whose definition says where they come
 * from (SupplementaryField.carry) take last year's amount or last year's own field.
 */
import { Workbook } from '../engine/workbook';
import type { ReportFile } from '../model/report';
import { toDecimalString } from '../money/money';
import type { NarrativeSet } from './definitions';

export interface CarriedOver {
  /** This year's values taken from last year's report, by key, as decimal strings (amounts in 万元). */
  values: Record<string, string>;
  /** Fields that name a source in last year's report but could not be taken from it, with why. */
  missing: { key: string; reason: string }[];
}

/**
 * This year's 补充信息 from last year's report: each field with `carry` takes last year's amount
 * (an expression on its tables, in 万元) or last year's own field. Fields last year's report does
 * not have are listed with the reason, never set to 0. Last year's report may be given as its file
 * (as read from disk) or already open.
 */
export function carryOver(last: Workbook | ReportFile, set: NarrativeSet): CarriedOver {
  const lastYear = last instanceof Workbook ? last : Workbook.open(last);
  const values: Record<string, string> = {};
  const missing: CarriedOver['missing'] = [];
  const { amounts } = lastYear.narrativeSource();
  for (const field of set.supplementary) {
    const carry = field.carry;
    if (!carry) continue;
    if ('value' in carry) {
      const amount = amounts.of(carry.value);
      if ('value' in amount) values[field.key] = toDecimalString(amount.value);
      else missing.push({ key: field.key, reason: `上年报表中${amount.reason.replace(/^本报表/u, '')}` });
      continue;
    }
    const text = lastYear.supplementary[carry.supplementary]?.trim();
    const source = set.supplementary.find((f) => f.key === carry.supplementary);
    if (text) values[field.key] = text;
    else
      missing.push({
        key: field.key,
        reason: `上年报表的补充信息“${source?.label ?? carry.supplementary}”未填写`,
      });
  }
  return { values, missing };
}
