/** The narrative sets are data: every expression they name must bind in every template they describe. */
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../shared/engine/compile';
import { Workbook } from '../../shared/engine/workbook';
import { NARRATIVE_SETS, type SectionDefinition } from '../../shared/narrative/definitions';
import { wordingTerms } from '../../shared/narrative/generate';
import { builtInCatalog } from '../../shared/templates/catalog';

function expressionsOf(sections: readonly SectionDefinition[]): string[] {
  return sections
    .flatMap((s) => [
      ...(s.terms ?? []).flatMap((t) => [
        t.value,
        ...(t.also ?? []),
        t.atMost,
        ...(t.alt ?? []).map((a) => a.value),
      ]),
      ...(s.absence?.zero ?? []),
      ...expressionsOf(s.parts ?? []),
    ])
    .filter((e): e is string => e !== undefined);
}

function termKeysOf(sections: readonly SectionDefinition[]): Set<string> {
  return new Set(
    sections.flatMap((s) => [...(s.terms ?? []).map((t) => t.key), ...termKeysOf(s.parts ?? [])]),
  );
}

describe.each(NARRATIVE_SETS.map((s) => [s.id, s] as const))('narrative set %s', (_, set) => {
  it.each(set.templates)('binds in template %s', (templateId) => {
    const template = builtInCatalog.templates.find((t) => t.id === templateId)!;
    expect(template, templateId).toBeDefined();
    const workbook = Workbook.create({
      kind: template.kind,
      year: template.year,
      department: '测试部门',
      unit: '万元',
      template: templateId,
    });
    for (const expression of expressionsOf(set.sections))
      expect(() => compileExpression(workbook.structure, expression), expression).not.toThrow();
  });

  it.each(set.templates)(
    'writes its wording from template %s: every amount binds, every field is defined',
    (templateId) => {
      const template = builtInCatalog.templates.find((t) => t.id === templateId)!;
      const workbook = Workbook.create({
        kind: template.kind,
        year: template.year,
        department: '测试部门',
        unit: '万元',
        template: templateId,
      });
      for (const term of wordingTerms(set)) {
        const field = /^补充信息\.([^[\]]+)(\[本行\])?$/u.exec(term);
        if (field) {
          const defined = set.supplementary.find((f) => f.key === field[1]);
          expect(defined, term).toBeDefined();
          expect(Boolean(defined!.perRow), term).toBe(field[2] !== undefined);
        } else if (!term.startsWith('本行.'))
          expect(() => compileExpression(workbook.structure, term), term).not.toThrow();
      }
    },
  );

  it.each(set.templates)('takes 补充信息 over from a report of template %s', (templateId) => {
    const template = builtInCatalog.templates.find((t) => t.id === templateId)!;
    const lastYear = Workbook.create({
      kind: template.kind,
      year: template.year,
      department: '测试部门',
      unit: '万元',
      template: templateId,
    });
    const keys = new Set(set.supplementary.map((f) => f.key));
    for (const { carry, key } of set.supplementary) {
      if (carry && 'value' in carry)
        expect(() => compileExpression(lastYear.structure, carry.value), key).not.toThrow();
      if (carry && 'supplementary' in carry) expect(keys.has(carry.supplementary), key).toBe(true);
    }
  });

  it('names only rules, terms and 补充信息 it defines', () => {
    const fields = new Set(set.supplementary.map((s) => s.key));
    const check = (sections: readonly SectionDefinition[]) => {
      for (const section of sections) {
        const keys = termKeysOf([section]);
        for (const term of section.terms ?? []) {
          expect(set.rules[term.rule], term.key).toBeDefined();
          for (const field of [term.supplementary, term.prior].filter((f) => f !== undefined))
            expect(fields.has(field), field).toBe(true);
          if (term.rowSupplementary)
            expect(
              set.supplementary.some((f) => f.key === term.rowSupplementary && f.perRow),
              term.rowSupplementary,
            ).toBe(true);
          expect(term.words !== undefined || term.after !== undefined, term.key).toBe(true);
        }
        for (const sum of section.sums ?? [])
          for (const key of [sum.total, ...sum.parts]) expect(keys.has(key), key).toBe(true);
        if (section.shareBase) expect(keys.has(section.shareBase), section.shareBase).toBe(true);
        check(section.parts ?? []);
      }
    };
    check(set.sections);
  });
});
