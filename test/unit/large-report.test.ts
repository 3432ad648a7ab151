/**
 * Self-check of the benchmark workbook generator (test/bench/large-report.ts): the generated
 * report must pass every roll-up and row total exactly, in integer hundredths (BigInt), and the
 * cross-table rules (01⇄03⇄05, 02⇄03) that the generator promises.
 */
import { describe, expect, it } from 'vitest';
import type { ReportFile, ReportRow } from '../../shared/model/report';
import { generateLargeReport, pasteBlock, pickEditCells } from '../bench/large-report';

const AMOUNT = /^-?\d+\.\d{2}$/;

/** Exact integer hundredths of a printed amount; blank counts as 0. */
function h(s: string | null | undefined): bigint {
  if (s == null || s === '') return 0n;
  if (!AMOUNT.test(s)) throw new Error(`not a 2-decimal amount: ${s}`);
  return BigInt(s.replace('.', ''));
}

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

function tableOf(r: ReportFile, id: string) {
  const t = r.tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

function byCode(r: ReportFile, id: string): Map<string, ReportRow> {
  return new Map(tableOf(r, id).rows.map((row) => [row.code ?? '', row]));
}

function v(row: ReportRow | undefined, key: string): bigint {
  return row ? h(row.values[key]) : 0n;
}

const CODE_TABLES = [
  {
    id: '公开02表',
    total: 'total',
    parts: [
      'fiscal',
      'superiorSubsidy',
      'businessIncome',
      'operatingIncome',
      'affiliatedRemit',
      'otherIncome',
    ],
  },
  {
    id: '公开03表',
    total: 'total',
    parts: ['basic', 'project', 'remitToSuperior', 'operating', 'subsidyToAffiliated'],
  },
  { id: '公开05表', total: 'subtotal', parts: ['basic', 'project'] },
  { id: '公开08表', total: 'total', parts: ['basic', 'project'] },
];

/** Checks row totals and 款/类/合计 roll-ups of one code-keyed table; returns the number of checks. */
function checkCodeTable(r: ReportFile, spec: (typeof CODE_TABLES)[number]): number {
  const rows = tableOf(r, spec.id).rows;
  const keys = [spec.total, ...spec.parts];
  let checks = 0;
  expect(rows[0]!.code ?? null).toBeNull();
  expect(rows[0]!.name).toBe('合计');
  for (const row of rows) {
    for (const k of keys) expect(row.values[k]).toMatch(AMOUNT);
    expect(v(row, spec.total)).toBe(sum(spec.parts.map((k) => v(row, k))));
    checks++;
  }
  // structure: depth-first, 3/5/7-digit prefixes
  let cls = '';
  let kuan = '';
  const children = new Map<string, ReportRow[]>(); // parent code ('' = 合计) → rows
  const add = (p: string, row: ReportRow) => {
    const list = children.get(p) ?? [];
    list.push(row);
    children.set(p, list);
  };
  for (const row of rows.slice(1)) {
    const c = row.code!;
    expect(c).toMatch(/^\d{3}(\d{2}){0,2}$/);
    if (c.length === 3) {
      expect(c > cls).toBe(true);
      cls = c;
      kuan = '';
      add('', row);
    } else if (c.length === 5) {
      expect(c.slice(0, 3)).toBe(cls);
      expect(c > kuan).toBe(true);
      kuan = c;
      add(cls, row);
    } else {
      expect(c.slice(0, 5)).toBe(kuan);
      add(kuan, row);
    }
  }
  for (const row of rows) {
    const kids = children.get(row.code ?? '');
    if ((row.code ?? '').length === 7) {
      expect(kids).toBeUndefined();
      continue;
    }
    expect(kids && kids.length > 0).toBe(true); // every 类 has 款, every 款 has 项
    expect(kids!.length).toBeLessThanOrEqual(99);
    for (const k of keys) {
      expect(v(row, k)).toBe(sum(kids!.map((kid) => v(kid, k))));
      checks++;
    }
  }
  return checks;
}

function fixedRows(r: ReportFile, id: string, side: 'income' | 'expenditure') {
  return tableOf(r, id).rows.filter((x) => x.side === side);
}
function named(rows: ReportRow[], name: string): ReportRow {
  const row = rows.find((x) => x.name === name);
  if (!row) throw new Error(`no row ${name}`);
  return row;
}
function hang(rows: ReportRow[], n: number): ReportRow {
  const row = rows.find((x) => x.hangci === n);
  if (!row) throw new Error(`no 行次 ${n}`);
  return row;
}

describe('generateLargeReport', () => {
  const report = generateLargeReport({ itemRows: 600 });

  it('has the nine tables with 600 项 rows in all, the same codes in 02, 03 and 05', () => {
    expect(report.tables.map((t) => t.id)).toEqual([
      '公开01表',
      '公开02表',
      '公开03表',
      '公开04表',
      '公开05表',
      '公开06表',
      '公开07表',
      '公开08表',
      '公开09表',
    ]);
    const codes = (id: string) => tableOf(report, id).rows.map((x) => x.code ?? null);
    expect(codes('公开03表')).toEqual(codes('公开02表'));
    expect(codes('公开05表')).toEqual(codes('公开02表'));
    const items = ['公开02表', '公开03表', '公开05表'].map(
      (id) => tableOf(report, id).rows.filter((x) => x.code?.length === 7).length,
    );
    expect(items).toEqual([200, 200, 200]);
    expect(new Set(codes('公开02表')).size).toBe(codes('公开02表').length);
    // 类 codes of the 功能分类 of 支出 (2xx) that a department's report may have
    const allowed = new Set([
      '201',
      '202',
      '203',
      '204',
      '205',
      '206',
      '207',
      '208',
      '210',
      '211',
      '212',
      '213',
      '214',
      '215',
      '216',
      '217',
      '219',
      '220',
      '221',
      '222',
      '223',
      '224',
      '229',
      '231',
      '232',
      '234',
    ]);
    for (const c of codes('公开02表')) if (c && c.length === 3) expect(allowed.has(c)).toBe(true);
  });

  it('holds every row total and every 款/类/合计 roll-up exactly (A01 A02 A04 A07 B01–B04)', () => {
    let n = 0;
    for (const spec of CODE_TABLES) n += checkCodeTable(report, spec);
    expect(n).toBeGreaterThan(4 * 200); // ≥ one row-total check per 项 row of 02/03/05 plus roll-ups
  });

  it('holds the cross-table rules D12/D13 per code', () => {
    const t02 = byCode(report, '公开02表');
    const t03 = byCode(report, '公开03表');
    const t05 = byCode(report, '公开05表');
    const t08 = byCode(report, '公开08表');
    for (const [code, r03] of t03) {
      expect(v(t02.get(code), 'total')).toBe(v(r03, 'total'));
      for (const [k03, k05, k08] of [
        ['total', 'subtotal', 'total'],
        ['basic', 'basic', 'basic'],
        ['project', 'project', 'project'],
      ] as const) {
        expect(v(r03, k03)).toBe(v(t05.get(code), k05) + v(t08.get(code), k08));
      }
    }
    // only fiscal funds: 02 合计 columns 3–7 are 0
    const head02 = t02.get('')!;
    for (const k of [
      'superiorSubsidy',
      'businessIncome',
      'operatingIncome',
      'affiliatedRemit',
      'otherIncome',
    ]) {
      expect(v(head02, k)).toBe(0n);
    }
  });

  it('makes 01 and 04 consistent with 02/03/05/07/08 (C01–C12, D01–D11, D14)', () => {
    const inc1 = fixedRows(report, '公开01表', 'income');
    const exp1 = fixedRows(report, '公开01表', 'expenditure');
    const i1 = (n: number) => v(hang(inc1, n), 'incomeAmount');
    const head02 = byCode(report, '公开02表').get('')!;
    const t03 = byCode(report, '公开03表');
    const head03 = t03.get('')!;
    const t05 = byCode(report, '公开05表');
    const t08 = byCode(report, '公开08表');
    const e1 = (name: string) => v(named(exp1, name), 'expenseAmount');
    const classRows1 = exp1.filter((x) => (x as { mapsToCode?: string }).mapsToCode);
    expect(classRows1).toHaveLength(26);
    // C01 C02 C03 C04 C05
    expect(i1(27)).toBe(sum([1, 2, 3, 4, 5, 6, 7, 8].map(i1)));
    expect(i1(30)).toBe(i1(27) + i1(28) + i1(29));
    expect(e1('本年支出合计')).toBe(sum(classRows1.map((x) => v(x, 'expenseAmount'))));
    expect(e1('总计')).toBe(e1('本年支出合计') + e1('结余分配') + e1('年末结转和结余'));
    expect(i1(30)).toBe(e1('总计'));
    // D01–D05, D12 condition (no balances)
    expect(i1(27)).toBe(v(head02, 'total'));
    expect(i1(1) + i1(2) + i1(3)).toBe(v(head02, 'fiscal'));
    expect([4, 5, 6, 7, 8].map(i1)).toEqual(
      ['superiorSubsidy', 'businessIncome', 'operatingIncome', 'affiliatedRemit', 'otherIncome'].map((k) =>
        v(head02, k),
      ),
    );
    expect(e1('本年支出合计')).toBe(v(head03, 'total'));
    for (const row of classRows1) {
      const code = (row as { mapsToCode?: string }).mapsToCode!;
      expect(v(row, 'expenseAmount')).toBe(v(t03.get(code), 'total'));
    }
    expect([28, 29].map(i1)).toEqual([0n, 0n]);
    expect([e1('结余分配'), e1('年末结转和结余')]).toEqual([0n, 0n]);

    // 04
    const inc4 = fixedRows(report, '公开04表', 'income');
    const exp4 = fixedRows(report, '公开04表', 'expenditure');
    const i4 = (n: number) => v(hang(inc4, n), 'incomeAmount');
    const cols = ['expenseTotal', 'expenseGeneralBudget', 'expenseGovFund', 'expenseStateCapital'];
    const classRows4 = exp4.filter((x) => (x as { mapsToCode?: string }).mapsToCode);
    expect(classRows4).toHaveLength(26);
    const row59 = hang(exp4, 59);
    const row60 = hang(exp4, 60);
    const row64 = hang(exp4, 64);
    for (const row of [...classRows4, row59, row60, row64]) {
      expect(v(row, 'expenseTotal')).toBe(
        v(row, 'expenseGeneralBudget') + v(row, 'expenseGovFund') + v(row, 'expenseStateCapital'),
      );
    }
    expect(i4(27)).toBe(i4(1) + i4(2) + i4(3)); // C06
    expect(i4(28)).toBe(i4(29) + i4(30) + i4(31)); // C07
    expect(i4(32)).toBe(i4(27) + i4(28)); // C08
    for (const c of cols) {
      expect(v(row59, c)).toBe(sum(classRows4.map((x) => v(x, c)))); // C09
      expect(v(row64, c)).toBe(v(row59, c) + v(row60, c)); // C10
    }
    expect(i4(32)).toBe(v(row64, 'expenseTotal')); // C11
    expect(i4(1) + i4(29)).toBe(v(row59, 'expenseGeneralBudget') + v(row60, 'expenseGeneralBudget')); // C12
    expect(i4(2) + i4(30)).toBe(v(row59, 'expenseGovFund') + v(row60, 'expenseGovFund'));
    expect(i4(3) + i4(31)).toBe(v(row59, 'expenseStateCapital') + v(row60, 'expenseStateCapital'));
    // D06 D07 D09 D11
    expect([1, 2, 3].map(i1)).toEqual([1, 2, 3].map(i4));
    expect(v(row59, 'expenseGeneralBudget')).toBe(v(t05.get(''), 'subtotal'));
    expect(v(row59, 'expenseStateCapital')).toBe(v(t08.get(''), 'total'));
    expect(v(row59, 'expenseGovFund')).toBe(0n); // 07 is empty
    for (const row of classRows4) {
      const code = (row as { mapsToCode?: string }).mapsToCode!;
      expect(v(row, 'expenseGeneralBudget')).toBe(v(t05.get(code), 'subtotal'));
      expect(v(row, 'expenseStateCapital')).toBe(v(t08.get(code), 'total'));
      const r1 = classRows1.find((x) => (x as { mapsToCode?: string }).mapsToCode === code)!;
      expect(v(r1, 'expenseAmount') >= v(row, 'expenseTotal')).toBe(true);
    }
    expect(v(head02, 'fiscal')).toBe(i4(27));
    expect(e1('本年支出合计') >= v(row59, 'expenseTotal')).toBe(true);
  });

  it('makes 06 and 09 consistent (B05, C13, C14, D10, D15, D16, A08–A11)', () => {
    const rows = tableOf(report, '公开06表').rows;
    const amt = new Map(rows.filter((x) => x.code).map((x) => [x.code!, v(x, 'amount')]));
    const classes = ['301', '302', '303', '307', '310', '312', '313', '399'];
    for (const c of classes) {
      const kids = [...amt].filter(([k]) => k.length === 5 && k.startsWith(c)).map(([, x]) => x);
      expect(amt.get(c)).toBe(sum(kids));
    }
    const personnel = v(
      rows.find((x) => x.role === 'personnelTotal'),
      'amount',
    );
    const pub = v(
      rows.find((x) => x.role === 'publicTotal'),
      'amount',
    );
    expect(personnel).toBe(amt.get('301')! + amt.get('303')!);
    expect(pub).toBe(sum(['302', '307', '310', '312', '313', '399'].map((c) => amt.get(c)!)));
    const t05 = byCode(report, '公开05表');
    expect(v(t05.get(''), 'basic')).toBe(personnel + pub);
    const b = (code: string) => v(t05.get(code), 'basic');
    expect(amt.get('30108')).toBe(b('2080505'));
    expect(amt.get('30109')).toBe(b('2080506'));
    expect(amt.get('30110')).toBe(b('2101101') + b('2101102'));
    expect(amt.get('30111')).toBe(b('2101103'));
    expect(amt.get('30113')).toBe(b('2210201'));
    const row9 = tableOf(report, '公开09表').rows[0]!;
    const n9 = (k: string) => v(row9, k);
    for (const p of ['budget', 'final']) {
      expect(n9(`${p}Total`)).toBe(n9(`${p}Abroad`) + n9(`${p}VehicleSubtotal`) + n9(`${p}Reception`));
      expect(n9(`${p}VehicleSubtotal`)).toBe(n9(`${p}VehiclePurchase`) + n9(`${p}VehicleOperation`));
    }
    expect(amt.get('30212')! <= n9('finalAbroad')).toBe(true);
    expect(amt.get('31013')! <= n9('finalVehiclePurchase')).toBe(true);
    expect(amt.get('30231')! <= n9('finalVehicleOperation')).toBe(true);
    expect(amt.get('30217')! <= n9('finalReception')).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = JSON.stringify(generateLargeReport({ itemRows: 600, seed: 7 }));
    const b = JSON.stringify(generateLargeReport({ itemRows: 600, seed: 7 }));
    const c = JSON.stringify(generateLargeReport({ itemRows: 600, seed: 8 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(JSON.stringify(generateLargeReport({ itemRows: 600 }))).toBe(JSON.stringify(report));
  });

  it('picks 项 input cells and 500-cell paste blocks deterministically', () => {
    const refs = pickEditCells(report, 300, 1);
    expect(refs).toHaveLength(300);
    expect(pickEditCells(report, 300, 1)).toEqual(refs);
    const totals = new Set(['total', 'subtotal']);
    for (const ref of refs) {
      expect(['公开02表', '公开03表', '公开05表']).toContain(ref.table);
      expect(ref.row).toMatch(/^\d{7}$/);
      expect(totals.has(ref.column)).toBe(false);
      expect(byCode(report, ref.table).get(ref.row!)!.values).toHaveProperty(ref.column);
    }
    const big = generateLargeReport({ itemRows: 3000, seed: 3 });
    for (let s = 1; s <= 5; s++) {
      const block = pasteBlock(big, 500, s);
      expect(block).toHaveLength(500);
      expect(new Set(block.map((e) => e.table)).size).toBe(1);
      expect(new Set(block.map((e) => `${e.row}|${e.column}`)).size).toBe(500);
      for (const e of block) {
        expect(e.text).toMatch(AMOUNT);
        expect(totals.has(e.column)).toBe(false);
      }
    }
    expect(pasteBlock(big, 500, 2)).toEqual(pasteBlock(big, 500, 2));
  });
});
