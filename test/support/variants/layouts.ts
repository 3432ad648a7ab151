/**
 * Layout variants (issue 15, item 5): the canonical samples written the ways other cities and
 * regions lay out the same tables. Each layout change is a small transformation of the sheet model;
 * a variant is a list of them, applied in order to a copy of a canonical book. A transformation
 * that finds nothing to change in a book leaves it as it is, and a variant that changes nothing is
 * not generated (it would test nothing).
 *
 * 绩效 forms (整体绩效目标表) have no grid: only the whole-sheet changes (names, order, rows above
 * the title) and the changes of their figures (元, text) apply to them.
 */
import Decimal from 'decimal.js';
import {
  CODE_KINDS,
  CODE_PIECES,
  TABLE_CODE,
  codeGroups,
  codeIn,
  columnsOf,
  editHeader,
  emptyBand,
  insertColumns,
  insertRows,
  isDigits,
  labelsOf,
  masterOf,
  removeColumns,
  text,
  valueAt,
  type Band,
  type BookModel,
  type ColumnKind,
  type SheetModel,
  type Value,
} from './sheet-model';
import { pick, seeded, shuffled, type Random } from './random';

export type Step = (book: BookModel, random: Random) => void;

const tables = (book: BookModel) => book.sheets.filter((s) => !s.form);

function eachCell(band: Band, change: (value: Value, col: number) => Value): void {
  band.rows.forEach((row) => row.forEach((value, c) => (row[c] = change(value, c))));
}

/** Changes the figures: the amount columns' cells of a table, every number of a form. */
function eachFigure(sheet: SheetModel, change: (value: Value) => Value): void {
  const isFigure = (value: Value, c: number) =>
    sheet.form ? typeof value === 'number' : sheet.columns[c] === 'amount';
  eachCell(sheet.body, (value, c) => (isFigure(value, c) ? change(value) : value));
}

/**
 * The column groups of a table: runs of columns up to and including a run of amount columns
 * (项目 | 行次 | 金额 on each side of 收入支出决算总表, the three code | name | 决算数 groups of
 * 公开06表, the whole grid of a code-keyed table).
 */
function columnGroups(sheet: SheetModel): number[][] {
  const groups: number[][] = [[]];
  sheet.columns.forEach((kind, c) => {
    groups.at(-1)!.push(c);
    if (kind === 'amount' && sheet.columns[c + 1] !== 'amount' && c + 1 < sheet.columns.length)
      groups.push([]);
  });
  return groups;
}

/** Header rows that only repeat the row above (after columns went away) are dropped. */
function dropRepeatedHeaderRows(sheet: SheetModel): void {
  editHeader(sheet, (labels) =>
    labels.filter((row, r) => r === 0 || row.some((label, c) => label !== labels[r - 1]![c])),
  );
}

// ── sheets ────────────────────────────────────────────────────────────────────────────────

const printedCode = (sheet: SheetModel) =>
  sheet.top.rows
    .flat()
    .map(text)
    .find((t) => TABLE_CODE.test(t));

/** 公开01表 / 预算01表 as printed; a file that prints no codes (Shanghai) numbers its sheets 表1 …. */
export const sheetsNamedByCode: Step = (book) =>
  book.sheets.forEach((sheet, i) => (sheet.name = printedCode(sheet) ?? `表${i + 1}`));

export const sheetsNamedSheetN: Step = (book) =>
  book.sheets.forEach((sheet, i) => (sheet.name = `Sheet${i + 1}`));

export const sheetsShuffled: Step = (book, random) => {
  book.sheets = shuffled(random, book.sheets);
};

/** Each sheet gets one of what offices put above a title: an empty row, an 附件2 line, a merged picture caption. */
export const rowsAboveTitle: Step = (book, random) => {
  for (const sheet of book.sheets) {
    const width = Math.max(...sheet.top.rows.map((row) => row.length));
    const kind = pick(random, ['empty', 'annex', 'caption'] as const);
    if (kind === 'empty') insertRows(sheet.top, 0, [[]]);
    if (kind === 'annex') insertRows(sheet.top, 0, [['附件2']]);
    if (kind === 'caption')
      insertRows(
        sheet.top,
        0,
        [['图片：部门标识', ...Array<Value>(width - 1).fill(null)]],
        [{ top: 0, left: 0, bottom: 0, right: width - 1 }],
      );
  }
};

// ── codes ─────────────────────────────────────────────────────────────────────────────────

/** "2080101 行政运行" in the name column, the code columns (or 类/款/项 pieces) gone, in every table with codes. */
export const codeAndNameInOneCell: Step = (book) => {
  for (const sheet of tables(book)) {
    const gone: number[] = [];
    let previous = -1;
    for (const nameCol of columnsOf(sheet, ['name'])) {
      const codeCols = sheet.columns.flatMap((kind, c) =>
        c > previous && c < nameCol && CODE_KINDS.includes(kind) ? [c] : [],
      );
      previous = nameCol;
      const groups = codeGroups(sheet, codeCols);
      sheet.body.rows.forEach((row, r) => {
        const code = groups.map((cols) => codeIn(row, cols)).find((c) => c !== null);
        const name = text(valueAt(sheet.body, r, nameCol));
        const [mr, mc] = masterOf(sheet.body, r, nameCol);
        if (code && name) sheet.body.rows[mr]![mc] = `${code} ${name}`;
      });
      gone.push(...codeCols);
    }
    if (gone.length === 0) continue;
    removeColumns(sheet, gone);
    dropRepeatedHeaderRows(sheet);
  }
};

/** Codes typed into Excel become numbers (06 becomes 6); a code of more than 15 digits stays text, as Excel cannot hold it. */
export const codesAsNumbers: Step = (book) => {
  for (const sheet of tables(book)) {
    eachCell(sheet.body, (value, c) =>
      CODE_KINDS.includes(sheet.columns[c]!) && isDigits(value) && text(value).length <= 15
        ? Number(text(value))
        : value,
    );
  }
};

/** Classification codes of 3/5/7 digits printed in 类/款/项 pieces (5-digit economic codes in 类/款), as Shanghai prints them. */
export const codesInPieces: Step = (book) => {
  for (const sheet of tables(book)) {
    const codeLengths = (c: number) =>
      sheet.body.rows
        .map((row) => row[c])
        .filter(isDigits)
        .map((v) => text(v).length);
    const split = columnsOf(sheet, ['subjectCode']).filter(
      (c) => codeLengths(c).length > 0 && codeLengths(c).every((n) => [3, 5, 7].includes(n)),
    );
    if (split.length === 0) continue;
    // One more header row, for the 类/款/项 labels of every code of the table.
    editHeader(sheet, (labels) => [...labels, [...labels.at(-1)!]]);
    for (const c of split.reverse()) {
      const pieces = (Math.max(...codeLengths(c)) - 1) / 2;
      insertColumns(sheet, c + 1, Array<ColumnKind>(pieces - 1).fill('piece'));
      sheet.columns[c] = 'piece';
      for (const row of sheet.body.rows) {
        if (!isDigits(row[c])) continue;
        const code = text(row[c]);
        // 2080101 → 208 | 01 | 01; 20801 → 208 | 01 | (blank)
        for (let i = 0; i < pieces; i++) row[c + i] = code.slice(i === 0 ? 0 : 2 * i + 1, 2 * i + 3) || null;
      }
      editHeader(sheet, (labels) =>
        labels.map((row, r) =>
          row.map((label, x) =>
            x < c || x >= c + pieces ? label : r === labels.length - 1 ? CODE_PIECES[x - c]! : row[c]!,
          ),
        ),
      );
    }
  }
};

/** Codes printed in 类/款/项 pieces joined into one cell (the reverse, for the files that print pieces). */
export const codesJoined: Step = (book) => {
  for (const sheet of tables(book)) {
    const runs = codeGroups(sheet, columnsOf(sheet, ['piece'])).filter(
      (run) => sheet.columns[run[0]!] === 'piece',
    );
    for (const run of runs.reverse()) {
      for (const row of sheet.body.rows) {
        const code = codeIn(row, run);
        if (code) row[run[0]!] = code;
      }
      removeColumns(sheet, run.slice(1));
      sheet.columns[run[0]!] = 'subjectCode';
      // The code column takes the group label (科目编码) where its pieces' 类 was.
      editHeader(sheet, (labels) => {
        labels.forEach(
          (row, r) => CODE_PIECES.includes(row[run[0]!]!) && (row[run[0]!] = labels[r - 1]![run[0]!]!),
        );
        return labels;
      });
      dropRepeatedHeaderRows(sheet);
    }
  }
};

// ── figures ───────────────────────────────────────────────────────────────────────────────

export const zerosBlank: Step = (book) => {
  for (const sheet of book.sheets) eachFigure(sheet, (value) => (value === 0 ? null : value));
};

/** Blank amount cells of a data row printed as 0 (rows of a group with no label, the spare lines of 收入支出决算总表, stay blank). */
export const zerosPrinted: Step = (book) => {
  for (const sheet of tables(book)) {
    for (const group of columnGroups(sheet)) {
      const labelCols = group.filter((c) => !['amount', 'hangci'].includes(sheet.columns[c]!));
      const amountCols = group.filter((c) => sheet.columns[c] === 'amount');
      sheet.body.rows.forEach((row, r) => {
        const isDataRow =
          labelCols.length > 0
            ? labelCols.some((c) => text(valueAt(sheet.body, r, c)) !== '')
            : amountCols.some((c) => row[c] !== null);
        if (!isDataRow) return;
        for (const c of amountCols) {
          const [mr, mc] = masterOf(sheet.body, r, c);
          if (row[c] === null && mr === r && mc === c) row[c] = 0;
        }
      });
    }
  }
};

const YUAN_PER_WAN = 10_000;

/** Every figure in 元 (whole hundreds: the 万元 figures × 10000), 单位：元 in the meta line, （元） in headers and form lines. */
export const amountsInYuan: Step = (book) => {
  for (const sheet of book.sheets) {
    eachFigure(sheet, (value) =>
      typeof value === 'number' ? new Decimal(value).times(YUAN_PER_WAN).toNumber() : value,
    );
    for (const band of sheet.form ? [sheet.body] : [sheet.meta, sheet.header]) {
      eachCell(band, (value) =>
        typeof value === 'string'
          ? value.replace(/^单位[：:]\s*万元$/u, '单位：元').replaceAll('（万元）', '（元）')
          : value,
      );
    }
  }
};

/** Figures as text with thousands separators and two decimals ("1,234.56"). */
export const amountsAsText: Step = (book) => {
  for (const sheet of book.sheets) {
    eachFigure(sheet, (value) => {
      if (typeof value !== 'number') return value;
      const [whole, cents] = new Decimal(value).toFixed(2).split('.') as [string, string];
      return `${whole.replace(/\B(?=(\d{3})+$)/gu, ',')}.${cents}`;
    });
  }
};

// ── headers ───────────────────────────────────────────────────────────────────────────────

/** No 行次 columns and no 栏次 row. */
export const noHangciNoLanci: Step = (book) => {
  for (const sheet of tables(book)) {
    removeColumns(sheet, columnsOf(sheet, ['hangci']));
    sheet.lanci = emptyBand();
  }
};

/**
 * A multi-level header flattened to its last row, in every table whose last row still names each
 * column once within its group (its side of 收入支出决算总表): the 三公 table's 预算数/决算数 groups,
 * or the 小计 under both 人员经费 and 公用经费 of a budget table, cannot lose their group labels
 * without losing their meaning, and keep them.
 */
export const groupHeadersLost: Step = (book) => {
  for (const sheet of tables(book)) {
    if (sheet.header.rows.length < 2) continue;
    const leaves = labelsOf(sheet.header).at(-1)!;
    const unique = columnGroups(sheet).every(
      (group) => new Set(group.map((c) => leaves[c])).size === group.length,
    );
    if (unique && leaves.every(Boolean)) editHeader(sheet, (labels) => [labels.at(-1)!]);
  }
};

// ── the variants ──────────────────────────────────────────────────────────────────────────

export interface Variant {
  name: string;
  book: BookModel;
  /** Figures in 元: the findings' amounts are the canonical file's × 10000. */
  yuan: boolean;
}

interface VariantSpec {
  name: string;
  steps: Step[];
}

const SPECS: VariantSpec[] = [
  { name: 'sheets named by their table code (表1 … where none is printed)', steps: [sheetsNamedByCode] },
  { name: 'sheets named Sheet1, Sheet2 …', steps: [sheetsNamedSheetN] },
  // The samples' sheets are named by their titles already.
  { name: 'sheets (named by title) in shuffled order', steps: [sheetsShuffled] },
  { name: 'code and name in one cell ("2080101 行政运行")', steps: [codeAndNameInOneCell] },
  { name: 'codes stored as numbers', steps: [codesAsNumbers] },
  { name: 'codes in 类/款/项 pieces', steps: [codesInPieces] },
  { name: 'codes in pieces joined into one cell', steps: [codesJoined] },
  { name: 'zeros left blank', steps: [zerosBlank] },
  { name: 'blank figures printed as 0', steps: [zerosPrinted] },
  { name: 'rows above the title (an empty row, 附件2, a merged picture caption)', steps: [rowsAboveTitle] },
  { name: 'no 行次 column and no 栏次 row', steps: [noHangciNoLanci] },
  { name: 'amounts in 元 (单位：元)', steps: [amountsInYuan] },
  { name: 'amounts as text with thousands separators', steps: [amountsAsText] },
  { name: 'group headers lost (header flattened to its last row)', steps: [groupHeadersLost] },
  {
    name: 'combined: Sheet1 … shuffled, rows above the title, codes as numbers, amounts as text',
    steps: [sheetsNamedSheetN, sheetsShuffled, rowsAboveTitle, codesAsNumbers, amountsAsText],
  },
  {
    name: 'combined: 元, code and name in one cell, no 行次/栏次, group headers lost, zeros blank',
    steps: [amountsInYuan, codeAndNameInOneCell, noHangciNoLanci, groupHeadersLost, zerosBlank],
  },
  {
    name: 'combined: codes in pieces as numbers, zeros printed, sheets by code, 元 as text',
    steps: [codesInPieces, codesAsNumbers, zerosPrinted, sheetsNamedByCode, amountsInYuan, amountsAsText],
  },
];

/** The control: the canonical book written back as it was read, which must check exactly like the canonical file. */
const CONTROL = 'rewritten as read (control for the generator)';

/** Every variant of a canonical book that changes it, and the control. Deterministic for a given seed. */
export function layoutVariants(canonical: BookModel, seed: string): Variant[] {
  const unchanged = JSON.stringify(canonical);
  const variants = SPECS.map((spec) => {
    const book = structuredClone(canonical);
    const random = seeded(`${seed} | ${spec.name}`);
    for (const step of spec.steps) step(book, random);
    return { name: spec.name, book, yuan: spec.steps.includes(amountsInYuan) };
  });
  return [
    { name: CONTROL, book: structuredClone(canonical), yuan: false },
    ...variants.filter((v) => JSON.stringify(v.book) !== unchanged),
  ];
}
