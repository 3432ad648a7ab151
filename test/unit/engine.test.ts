/**
 * Editing: exactly the dependent totals and findings change, kept figures follow once they agree,
 * batches recompute once, rows come and go with their parents, undo restores everything.
 */
import { describe, expect, it } from 'vitest';
import { Workbook, WorkbookError, type CellRef, type Change } from '../../shared/engine/workbook';
import { EditHistory } from '../../shared/engine/history';
import { loadSample } from '../support/fixtures';

const ref = (table: string, row: string, column: string): CellRef => ({ table, row, column });
const names = (refs: CellRef[]) => refs.map((r) => `${r.table} ${r.row} ${r.column}`).sort();
const keys = (change: Change) => ({
  added: change.added.map((f) => `${f.ruleId} ${f.table} ${f.cells[0]!.row} ${f.cells[0]!.column}`).sort(),
  removed: change.removed
    .map((f) => `${f.ruleId} ${f.table} ${f.cells[0]!.row} ${f.cells[0]!.column}`)
    .sort(),
  changed: change.changed
    .map((f) => `${f.ruleId} ${f.table} ${f.cells[0]!.row} ${f.cells[0]!.column}`)
    .sort(),
});

function snapshot(workbook: Workbook) {
  return {
    report: workbook.toReport(),
    findings: workbook
      .findings()
      .map((f) => `${f.key} ${f.severity} ${f.message}`)
      .sort(),
  };
}

describe('fixing 2080505 基本支出 in the 2024 document', () => {
  it('fixing 公开05表 clears A04, the 款 roll-up tail and the 06 hint, and shows that 03 now disagrees', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    const change = workbook.set(ref('公开05表', '2080505', 'basic'), '32.42');

    // Both computed cells above it printed the right figures already: they stop being "kept".
    expect(names(change.cells)).toEqual([
      '公开05表 20805 basic',
      '公开05表 2080505 basic',
      '公开05表 2080505 subtotal',
    ]);
    expect(workbook.cell(ref('公开05表', '2080505', 'subtotal'))).toMatchObject({
      value: '32.42',
      kept: false,
      computed: true,
    });
    expect(workbook.cell(ref('公开05表', '20805', 'basic'))).toMatchObject({ value: '40.77', kept: false });
    expect(keys(change)).toEqual({
      removed: ['A04 公开05表 2080505 小计', 'B02 公开05表 20805 基本支出', 'D15 公开06表 30108 决算数'],
      added: ['D13 公开03表 2080505 基本支出'],
      changed: [],
    });
    expect(change.added[0]!.severity).toBe('error');
  });

  it('fixing 公开03表 as well clears every finding about the row and nothing else', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    const before = workbook.findings().length;
    workbook.set(ref('公开05表', '2080505', 'basic'), '32.42');
    const change = workbook.set(ref('公开03表', '2080505', 'basic'), '32.42');
    expect(keys(change)).toEqual({
      removed: [
        'A02 公开03表 2080505 本年支出合计',
        'B02 公开03表 20805 基本支出',
        'D13 公开03表 2080505 基本支出',
      ],
      added: [],
      changed: [],
    });
    expect(workbook.findings()).toHaveLength(before - 5);
  });

  it('typing 2.23 into 公开01表 行51 clears D05, D06 and C03, and the rounding tail of C03 stays exact', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    const change = workbook.set(ref('公开01表', '国有资本经营预算支出', 'expenseAmount'), '2.23');
    expect(keys(change).removed).toEqual([
      'C03 公开01表 本年支出合计 金额',
      'D05 公开01表 二十一、国有资本经营预算支出 金额',
      'D06 公开01表 二十一、国有资本经营预算支出 金额',
    ]);
    expect(change.added).toEqual([]);
    // 本年支出合计 printed 6521.36 and now agrees with the 26 class rows: it follows them again.
    expect(workbook.cell(ref('公开01表', '本年支出合计', 'expenseAmount'))).toMatchObject({
      value: '6521.36',
      kept: false,
    });
  });
});

/** Independent oracle: Σ over the 项 rows of 公开05表 in the file, in BigInt hundredths, of the given columns. */
function itemSum05(columns: string[]): bigint {
  const rows = loadSample('final-2024-gaoxin').tables.find((t) => t.id === '公开05表')!.rows;
  let total = 0n;
  for (const row of rows.filter((r) => r.code?.length === 7)) {
    for (const column of columns) total += BigInt((row.values[column] ?? '0.00').replace('.', ''));
  }
  return total;
}
const asMoney = (hundredths: bigint) => `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;

describe('printed totals kept from the opened file', () => {
  it('follow as soon as one of their parts is edited, and the printed figure is handed back for undo', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    expect(workbook.cell(ref('公开05表', '20801', 'project'))).toMatchObject({
      value: '546.36',
      computedValue: '546.37',
      kept: true,
    });
    const change = workbook.set(ref('公开05表', '2080102', 'project'), '400');
    expect(workbook.cell(ref('公开05表', '20801', 'project'))).toMatchObject({
      value: '552.70',
      kept: false,
    });
    expect(workbook.cell(ref('公开05表', '208', 'project')).value).toBe('6003.16');
    expect(change.released).toContainEqual({ ref: ref('公开05表', '20801', 'project'), text: '546.36' });
    // Totals that do not depend on the edit keep their printed figure.
    expect(workbook.cell(ref('公开05表', '20801', 'basic'))).toMatchObject({ value: '423.72', kept: true });
  });
});

describe('live totals', () => {
  function consistent() {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    workbook.adoptComputed();
    return workbook;
  }

  it('adopting computed values leaves no kept figure and no roll-up finding', () => {
    const workbook = consistent();
    const kinds = new Set(workbook.findings().map((f) => f.ruleId));
    for (const rule of ['A01', 'A02', 'A03', 'A04', 'B01', 'B02', 'B03', 'C01', 'C03', 'C06', 'C09'])
      expect(kinds.has(rule)).toBe(false);
    // Every total now follows its parts: 合计.小计 is the sum of all 项 (基本 + 项目) of the file.
    expect(workbook.cell(ref('公开05表', '合计', 'subtotal')).value).toBe(
      asMoney(itemSum05(['basic', 'project'])),
    );
    expect(workbook.cell(ref('公开05表', '合计', 'basic')).value).toBe(asMoney(itemSum05(['basic'])));
  });

  it('an edited 项 updates its 款, 类 and 合计 in the same step, and only those', () => {
    const workbook = consistent();
    const change = workbook.set(ref('公开05表', '2080101', 'basic'), '60.78');
    expect(names(change.cells)).toEqual([
      '公开05表 208 basic',
      '公开05表 208 subtotal',
      '公开05表 20801 basic',
      '公开05表 20801 subtotal',
      '公开05表 2080101 basic',
      '公开05表 2080101 subtotal',
      '公开05表 合计 basic',
      '公开05表 合计 subtotal',
    ]);
    expect(workbook.cell(ref('公开05表', '20801', 'subtotal')).value).toBe('972.08');
    expect(workbook.cell(ref('公开05表', '合计', 'basic')).value).toBe(asMoney(itemSum05(['basic']) + 200n));
    // The other tables still say the old figures: each cross-table rule now names the difference.
    const { added, changed } = keys(change);
    expect(added).toContain('D13 公开03表 2080101 基本支出');
    expect(changed).toContain('D07 公开04表 本年支出合计 一般公共预算财政拨款');
    expect(changed).toContain('D10 公开05表 合计 基本支出');
    expect(change.changed.find((f) => f.ruleId === 'D10')!.message).toContain(
      asMoney(itemSum05(['basic']) + 200n),
    );
  });

  it('undoing an edit by setting the old text back restores every value and finding', () => {
    const workbook = consistent();
    const before = snapshot(workbook);
    workbook.set(ref('公开05表', '2080101', 'basic'), '60.78');
    workbook.set(ref('公开05表', '2080101', 'basic'), '58.78');
    expect(snapshot(workbook)).toEqual(before);
  });

  it('a batch of edits gives the same result as the edits one by one', () => {
    const edits = [
      { ref: ref('公开02表', '2080101', 'fiscal'), text: '1,000.00' },
      { ref: ref('公开03表', '2080101', 'project'), text: '（12.30）' },
      { ref: ref('公开05表', '2101101', 'basic'), text: '０．５' },
      { ref: ref('公开06表', '30101', 'amount'), text: '' },
    ];
    const batch = consistent();
    const one = consistent();
    const change = batch.setMany(edits);
    for (const e of edits) one.set(e.ref, e.text);
    expect(snapshot(batch)).toEqual(snapshot(one));
    expect(batch.cell(ref('公开03表', '2080101', 'project')).value).toBe('-12.30');
    expect(change.skipped).toEqual([]);
  });

  it('a paste skips computed cells and reports them', () => {
    const workbook = consistent();
    const change = workbook.setMany([
      { ref: ref('公开05表', '2080101', 'subtotal'), text: '1' },
      { ref: ref('公开05表', '2080101', 'project'), text: '1' },
    ]);
    expect(names(change.skipped)).toEqual(['公开05表 2080101 subtotal']);
    expect(workbook.cell(ref('公开05表', '2080101', 'subtotal')).value).toBe('59.78');
  });

  it('refuses typing into a computed cell', () => {
    expect(() => consistent().set(ref('公开05表', '合计', 'basic'), '1')).toThrow(WorkbookError);
  });
});

describe('text that is not a number', () => {
  it('is kept as typed, counts as 0, is explained, and clears when corrected', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    workbook.adoptComputed();
    const change = workbook.set(ref('公开05表', '2080101', 'basic'), '58.78万');
    expect(workbook.cell(ref('公开05表', '2080101', 'basic'))).toMatchObject({
      value: null,
      invalidText: '58.78万',
    });
    expect(workbook.cell(ref('公开05表', '2080101', 'subtotal')).value).toBe('0.00');
    const invalid = change.added.find((f) => f.ruleId === 'V01')!;
    expect(invalid.message).toContain('58.78万');
    expect(invalid.message).toContain('公开05表');
    expect(
      workbook
        .toReport()
        .tables.find((t) => t.id === '公开05表')!
        .rows.find((r) => r.code === '2080101')!.values.basic,
    ).toBe('58.78万');
    const fixed = workbook.set(ref('公开05表', '2080101', 'basic'), '58.78');
    expect(fixed.removed.map((f) => f.ruleId)).toContain('V01');
    expect(workbook.findings().some((f) => f.ruleId === 'V01')).toBe(false);
  });

  it('an unreadable figure in an opened file is reported with its table, row and column', () => {
    const sample = loadSample('final-2024-gaoxin');
    sample.tables.find((t) => t.id === '公开02表')!.rows[3]!.values.fiscal = '58.78元';
    const finding = Workbook.open(sample)
      .findings()
      .find((f) => f.ruleId === 'V01')!;
    expect(finding.message).toMatch(/公开02表 2080101 行政运行「财政拨款收入」/u);
  });
});

describe('adding and removing 项 rows', () => {
  it('adds a 项 with its missing 款 and 类, whose totals follow', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    workbook.adoptComputed();
    expect(() => workbook.addRow('公开05表', '2130101', '行政运行')).toThrow(/213、21301/u);
    const change = workbook.addRow('公开05表', '2130101', '行政运行', {
      '213': '农林水支出',
      '21301': '农业农村',
    });
    expect(change.tables).toEqual(['公开05表']);
    workbook.set(ref('公开05表', '2130101', 'project'), '5.00');
    expect(workbook.cell(ref('公开05表', '213', 'subtotal')).value).toBe('5.00');
    expect(workbook.cell(ref('公开05表', '21301', 'project')).value).toBe('5.00');
    expect(workbook.cell(ref('公开05表', '合计', 'subtotal')).value).toBe(
      asMoney(itemSum05(['basic', 'project']) + 500n),
    );
    const rows = workbook
      .toReport()
      .tables.find((t) => t.id === '公开05表')!
      .rows.map((r) => r.code);
    expect(rows.indexOf('213')).toBeLessThan(rows.indexOf('21301'));
    expect(rows.indexOf('21301')).toBeLessThan(rows.indexOf('2130101'));
    // 04 行 十二、农林水支出 still says 0: the cross-table rule points at it.
    expect(workbook.findings().some((f) => f.ruleId === 'D07' && f.cells[0]!.hangci === 44)).toBe(true);
  });

  it('removes a 项 and the 款 and 类 left empty, keeping every other figure', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    const change = workbook.removeRow('公开08表', '2230105');
    const codes = workbook
      .toReport()
      .tables.find((t) => t.id === '公开08表')!
      .rows.map((r) => r.code);
    expect(codes).toEqual([null]);
    // The total followed its rows, so it follows them to zero; 公开04表 still says 2.23 and is flagged.
    expect(workbook.cell(ref('公开08表', '合计', 'total')).value).toBe('0.00');
    expect(keys(change).added).toContain('D09 公开04表 本年支出合计 国有资本经营预算财政拨款');
    expect(workbook.cell(ref('公开05表', '2080505', 'basic')).value).toBe('32.43');
  });

  it('deleting a 款 makes its 类 follow its remaining parts, even where the 类 still showed the figure the file printed; undo puts both back', () => {
    // 208 in 公开03表 prints 6461.30 where its 款 add up to 6461.31 (a kept tail); 20825 is one of them.
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    const history = new EditHistory(workbook);
    const before = workbook.cell(ref('公开03表', '208', 'total'));
    expect(before).toMatchObject({ value: '6461.30', kept: true });
    const gone = BigInt(workbook.cell(ref('公开03表', '20825', 'total')).value!.replace('.', ''));
    history.apply({ kind: 'removeRow', table: '公开03表', code: '20825' });
    expect(workbook.cell(ref('公开03表', '208', 'total'))).toMatchObject({
      value: asMoney(646131n - gone),
      kept: false,
    });
    history.undo();
    expect(workbook.cell(ref('公开03表', '208', 'total'))).toMatchObject({ value: '6461.30', kept: true });
  });

  it('rejects codes of the wrong length and duplicates', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    expect(() => workbook.addRow('公开05表', '20801011', 'x')).toThrow(/位数/u);
    expect(() => workbook.addRow('公开05表', '', 'x')).toThrow(/请填写科目编码/u);
    expect(() => workbook.addRow('公开05表', '20801a1', 'x')).toThrow(/只能由数字/u);
    expect(() => workbook.addRow('公开05表', '2080108', ' ')).toThrow(/请填写科目 2080108 的名称/u);
    expect(() => workbook.addRow('公开05表', '2080101', 'x')).toThrow(/已有/u);
    expect(() => workbook.addRow('公开01表', '2080101', 'x')).toThrow(/固定/u);
  });
});
