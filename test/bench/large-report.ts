/**
 * Benchmark workbook: a large, deterministic, fully consistent 决算 report (a consolidated city
 * report, 市级部门汇总), shaped like test/fixtures/final-2024-gaoxin.json.
 *
 * - 02/03/05 hold `itemRows` 项 rows in all (≈ itemRows / 3 per table, the same codes in each),
 *   under 类 codes of §2.1 and synthetic-but-valid 款 (类+2 digits) and 项 (款+2 digits) codes.
 * - 01, 04, 06, 07, 08, 09 copy the row structure of the 2024 sample and are filled so that every
 *   rule of §3 holds exactly (A, B, C, D, including the advisory D15/D16). In particular:
 *   * fiscal funds only (02 columns 3–7 are 0.00, 01 has no balances), so D12 and D13 apply and hold:
 *     02[c].total = 03[c].total and 03[c] = 05[c] + 07[c] + 08[c] for every code c;
 *   * 07 is empty (合计 row only, blank) as in the sample; 08 carries one branch
 *     223 / 22301 / 2230105 (project spending), which 02/03 list with money and 05 lists with 0.00
 *     (so 02, 03 and 05 share exactly the same codes);
 *   * 01 class rows = 03 类 totals, 04 class rows 栏3 = 05 类 小计, 栏5 = 08, 栏2 = 栏3 + 栏4 + 栏5;
 *   * 05 合计.基本支出 = 06 人员经费合计 + 公用经费合计, with 06 30108/30109/30110/30111/30113 equal to
 *     the 05 基本支出 of their 项 (D15) and 09 决算 columns equal to 06 30212/31013/30231/30217 (D16).
 * - All arithmetic is done in integer hundredths (safe integers), never in floats.
 * - The PRNG is seeded (sfc32); Math.random is never used.
 */
import { readFileSync } from 'node:fs';
import { fromDecimalString, toDecimalString } from '../../shared/money/money';
import type { ReportFile, ReportRow, ReportTable } from '../../shared/model/report';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** A cell of the report: table id ("公开03表"), row code (null = 合计 row) and column key. */
export interface BenchCellRef {
  table: string;
  row: string | null;
  column: string;
}

/** One typed/pasted cell: the reference plus the text as the user typed it. */
export interface BenchCellEdit extends BenchCellRef {
  text: string;
}

/** A row as generated: the report row plus the extra sample fields (level, line, mapsToCode …). */
export interface GeneratedRow extends ReportRow {
  level?: '合计' | '类' | '款' | '项';
  line?: number;
  group?: number;
  mapsToCode?: string;
}

export interface LargeReportOptions {
  /** 项 rows in all across 02, 03 and 05 (default 20000, i.e. ≈ 6,667 per table). */
  itemRows?: number;
  /** PRNG seed (default 2024). */
  seed?: number;
}

// ---------------------------------------------------------------------------------------------
// Table ids and columns of the code-keyed tables
// ---------------------------------------------------------------------------------------------

export const T01 = '公开01表';
export const T02 = '公开02表';
export const T03 = '公开03表';
export const T04 = '公开04表';
export const T05 = '公开05表';
export const T06 = '公开06表';
export const T07 = '公开07表';
export const T08 = '公开08表';
export const T09 = '公开09表';

/** The three code-keyed tables measured by the benchmark, with their row-total and input columns. */
export const CODE_TABLES: ReadonlyArray<{ id: string; totalKey: string; inputKeys: readonly string[] }> = [
  {
    id: T02,
    totalKey: 'total',
    inputKeys: [
      'fiscal',
      'superiorSubsidy',
      'businessIncome',
      'operatingIncome',
      'affiliatedRemit',
      'otherIncome',
    ],
  },
  {
    id: T03,
    totalKey: 'total',
    inputKeys: ['basic', 'project', 'remitToSuperior', 'operating', 'subsidyToAffiliated'],
  },
  { id: T05, totalKey: 'subtotal', inputKeys: ['basic', 'project'] },
];

export function codeTableSpec(tableId: string) {
  const spec = CODE_TABLES.find((t) => t.id === tableId);
  if (!spec) throw new Error(`not a measured code-keyed table: ${tableId}`);
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (sfc32, seeded through splitmix32)
// ---------------------------------------------------------------------------------------------

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
}

export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const u32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 15; i++) u32();
  const next = () => u32() / 4294967296;
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}

/** An amount string of the report ("1234.05", null or "" for blank) as integer hundredths. */
export function parseHundredths(s: string | null | undefined): number {
  return s == null || s === '' ? 0 : fromDecimalString(s);
}

/** Splits integer `total` over integer `weights` (largest remainders), exactly. */
function splitByWeights(total: number, weights: readonly number[]): number[] {
  const W = weights.reduce((s, w) => s + w, 0);
  if (W === 0) return weights.map(() => 0);
  const out: number[] = [];
  const rem: Array<{ i: number; r: number }> = [];
  let used = 0;
  weights.forEach((w, i) => {
    const p = total * w; // integer, far below 2^53 for our magnitudes
    if (!Number.isSafeInteger(p)) throw new Error('weight split overflow');
    const r = p % W;
    const q = (p - r) / W;
    out.push(q);
    used += q;
    rem.push({ i, r });
  });
  rem.sort((x, y) => y.r - x.r || x.i - y.i);
  for (let k = 0; used < total; k++, used++) {
    const idx = rem[k % rem.length]!.i;
    out[idx] = out[idx]! + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Classification: 类 of §2.1, known 款/项 names from the seeds, synthetic codes otherwise
// ---------------------------------------------------------------------------------------------

const CLASS_NAMES: Record<string, string> = {
  '201': '一般公共服务支出',
  '202': '外交支出',
  '203': '国防支出',
  '204': '公共安全支出',
  '205': '教育支出',
  '206': '科学技术支出',
  '207': '文化旅游体育与传媒支出',
  '208': '社会保障和就业支出',
  '210': '卫生健康支出',
  '211': '节能环保支出',
  '212': '城乡社区支出',
  '213': '农林水支出',
  '214': '交通运输支出',
  '215': '资源勘探工业信息等支出',
  '216': '商业服务业等支出',
  '217': '金融支出',
  '219': '援助其他地区支出',
  '220': '自然资源海洋气象等支出',
  '221': '住房保障支出',
  '222': '粮油物资储备支出',
  '223': '国有资本经营预算支出',
  '224': '灾害防治及应急管理支出',
  '229': '其他支出',
  '231': '债务还本支出',
  '232': '债务付息支出',
  '234': '抗疫特别国债安排的支出',
};

const KNOWN_NAMES: Record<string, string> = {
  '20502': '普通教育',
  '2050299': '其他普通教育支出',
  '20508': '进修及培训',
  '20801': '人力资源和社会保障管理事务',
  '2080101': '行政运行',
  '2080102': '一般行政管理事务',
  '2080103': '机关服务',
  '2080104': '综合业务管理',
  '2080106': '就业管理事务',
  '2080107': '社会保险业务管理事务',
  '2080108': '信息化建设',
  '2080110': '劳动关系和维权',
  '2080111': '公共就业服务和职业技能鉴定机构',
  '2080150': '事业运行',
  '2080199': '其他人力资源和社会保障管理事务支出',
  '20805': '行政事业单位养老支出',
  '2080505': '机关事业单位基本养老保险缴费支出',
  '2080506': '机关事业单位职业年金缴费支出',
  '2080599': '其他行政事业单位养老支出',
  '20807': '就业补助',
  '2080701': '就业创业服务补贴',
  '2080702': '职业培训补贴',
  '2080704': '社会保险补贴',
  '2080705': '公益性岗位补贴',
  '2080709': '职业技能鉴定补贴',
  '2080711': '就业见习补贴',
  '2080713': '促进创业补贴',
  '2080799': '其他就业补助支出',
  '20808': '抚恤',
  '2080801': '死亡抚恤',
  '20810': '社会福利',
  '2081006': '养老服务',
  '20825': '其他生活救助',
  '2082502': '其他农村生活救助',
  '20899': '其他社会保障和就业支出',
  '2089999': '其他社会保障和就业支出',
  '21011': '行政事业单位医疗',
  '2101101': '行政单位医疗',
  '2101102': '事业单位医疗',
  '2101103': '公务员医疗补助',
  '22102': '住房改革支出',
  '2210201': '住房公积金',
  '22301': '解决历史遗留问题及改革成本支出',
  '2230105': '国有企业退休人员社会化管理补助支出',
};

/** The 08 branch (国有资本经营预算): listed in 02/03 with money, in 05 with 0.00. */
const STATE_CAPITAL = { cls: '223', kuan: '22301', item: '2230105' } as const;

/**
 * 款/项 that are always generated (when their 类 is): the D15 items and a few seed codes. Their
 * 项 are basic-spending-only, as 行政运行 and social-insurance contributions are in the seeds.
 */
const FORCED: Record<string, Record<string, string[]>> = {
  '208': { '01': ['01', '02', '03'], '05': ['05', '06', '99'] },
  '210': { '11': ['01', '02', '03'] },
  '221': { '02': ['01'] },
};
const BASIC_ONLY_ITEMS = new Set([
  '2080101',
  '2080505',
  '2080506',
  '2101101',
  '2101102',
  '2101103',
  '2210201',
]);

function stem(className: string): string {
  return className.endsWith('支出') ? className.slice(0, -2) : className;
}

function kuanName(cls: string, suffix: string): string {
  const code = cls + suffix;
  const known = KNOWN_NAMES[code];
  if (known) return known;
  const c = stem(CLASS_NAMES[cls] ?? '其他');
  if (suffix === '99') return `其他${c}支出`;
  return `${c}事务（${suffix}）`;
}

function itemName(kuanCode: string, kName: string, suffix: string): string {
  const code = kuanCode + suffix;
  const known = KNOWN_NAMES[code];
  if (known) return known;
  switch (suffix) {
    case '01':
      return '行政运行';
    case '02':
      return '一般行政管理事务';
    case '03':
      return '机关服务';
    case '50':
      return '事业运行';
    case '99':
      return `其他${kName.replace(/支出$/, '')}支出`;
    default:
      return `${kName}专项（${suffix}）`;
  }
}

// ---------------------------------------------------------------------------------------------
// The sample (structure of 01, 04, 06, 07, 08, 09 and table metadata)
// ---------------------------------------------------------------------------------------------

type SampleTable = Omit<ReportTable, 'rows'> & { rows: GeneratedRow[]; [extra: string]: unknown };

let sampleCache: SampleTable[] | undefined;
function sampleTables(): SampleTable[] {
  if (!sampleCache) {
    const url = new URL('../fixtures/final-2024-gaoxin.json', import.meta.url);
    const json = JSON.parse(readFileSync(url, 'utf8')) as { tables: SampleTable[] };
    sampleCache = json.tables;
  }
  return sampleCache;
}

function sampleTable(id: string): SampleTable {
  const t = sampleTables().find((x) => x.id === id);
  if (!t) throw new Error(`sample has no table ${id}`);
  return t;
}

/** A copy of the sample table's metadata (title, layout, columns, note …) with new rows. */
function withRows(id: string, rows: GeneratedRow[]): ReportTable {
  const { rows: _ignored, ...meta } = sampleTable(id);
  return { ...meta, id, rows };
}

// ---------------------------------------------------------------------------------------------
// Structure generation
// ---------------------------------------------------------------------------------------------

interface ItemSpec {
  code: string;
  name: string;
  basic: number; // hundredths (05 / 03 基本支出)
  project: number; // hundredths (05 / 03 项目支出)
  stateCapital: boolean; // the 08 branch: 05 holds 0.00
}
interface KuanSpec {
  code: string;
  name: string;
  items: ItemSpec[];
}
interface ClassSpec {
  code: string;
  name: string;
  kuans: KuanSpec[];
}

/** Distributes `n` units over slots with minimums and caps, proportionally to random weights. */
function distribute(rng: Rng, n: number, mins: number[], cap: number, skew = 2): number[] {
  const counts = mins.slice();
  let left = n - counts.reduce((s, x) => s + x, 0);
  if (left < 0) throw new Error('distribute: minimums exceed total');
  if (counts.length * cap < n) throw new Error('distribute: capacity too small');
  const weights = counts.map(() => 0.05 + Math.pow(rng.next(), skew));
  while (left > 0) {
    let W = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i]! < cap) W += weights[i]!;
    let x = rng.next() * W;
    let pick = -1;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i]! >= cap) continue;
      pick = i;
      x -= weights[i]!;
      if (x < 0) break;
    }
    counts[pick] = counts[pick]! + 1;
    left--;
  }
  return counts;
}

/** `k` distinct two-digit suffixes "01".."99" including `forced`, sorted. */
function pickSuffixes(rng: Rng, k: number, forced: readonly string[]): string[] {
  const chosen = new Set(forced);
  const pool: number[] = [];
  for (let i = 1; i <= 99; i++) {
    const s = String(i).padStart(2, '0');
    if (!chosen.has(s)) pool.push(i);
  }
  // partial Fisher–Yates
  for (let i = 0; chosen.size < k; i++) {
    const j = i + Math.floor(rng.next() * (pool.length - i));
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
    chosen.add(String(pool[i]!).padStart(2, '0'));
  }
  return [...chosen].sort();
}

/** A 项 amount in hundredths: log-uniform between 0.50 and 20,000.00 万元. */
function amount(rng: Rng): number {
  const lo = Math.log(50);
  const hi = Math.log(2_000_000);
  return Math.round(Math.exp(lo + (hi - lo) * rng.next()));
}

function buildStructure(rng: Rng, itemsPerTable: number): ClassSpec[] {
  // one 项 is the 08 branch (2230105)
  const n = itemsPerTable - 1;
  const all = Object.keys(CLASS_NAMES).filter((c) => c !== STATE_CAPITAL.cls);
  const forcedClasses = Object.keys(FORCED);
  const forcedItemCount = (cls: string) =>
    Object.values(FORCED[cls] ?? {}).reduce((s, items) => s + items.length, 0);
  const minForced = forcedClasses.reduce((s, c) => s + forcedItemCount(c), 0);
  if (n < minForced) throw new Error(`itemRows too small: need at least ${3 * (minForced + 1)}`);

  // number of 类: realistic for a city consolidation (~20 at 6,667 项), at least the forced ones
  const k = Math.max(forcedClasses.length, Math.min(all.length, Math.round(Math.sqrt(n) / 4)));
  const others = all.filter((c) => !forcedClasses.includes(c));
  for (let i = others.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const tmp = others[i]!;
    others[i] = others[j]!;
    others[j] = tmp;
  }
  const classCodes = [...forcedClasses, ...others.slice(0, k - forcedClasses.length)].sort();
  const classCounts = distribute(
    rng,
    n,
    classCodes.map((c) => Math.max(1, forcedItemCount(c))),
    99 * 99,
  );

  const classes: ClassSpec[] = [];
  classCodes.forEach((cls, ci) => {
    const nc = classCounts[ci]!;
    const forced = FORCED[cls] ?? {};
    const forcedKuans = Object.keys(forced);
    const minKuans = Math.max(1, forcedKuans.length, Math.ceil(nc / 99));
    const wanted = Math.round(Math.sqrt(nc) * 0.8);
    const m = Math.min(99, nc, Math.max(minKuans, wanted));
    const kuanSuffixes = pickSuffixes(rng, m, forcedKuans);
    const kuanCounts = distribute(
      rng,
      nc,
      kuanSuffixes.map((s) => Math.max(1, forced[s]?.length ?? 0)),
      99,
    );
    const kuans: KuanSpec[] = kuanSuffixes.map((ks, ki) => {
      const kCode = cls + ks;
      const kName = kuanName(cls, ks);
      const itemSuffixes = pickSuffixes(rng, kuanCounts[ki]!, forced[ks] ?? []);
      const items = itemSuffixes.map((is): ItemSpec => {
        const code = kCode + is;
        const a = amount(rng);
        let basic: number;
        let project: number;
        if (BASIC_ONLY_ITEMS.has(code)) {
          basic = a;
          project = 0;
        } else {
          const r = rng.next();
          if (r < 0.3) {
            basic = a;
            project = 0;
          } else if (r < 0.7) {
            basic = 0;
            project = a;
          } else {
            basic = Math.round(a * rng.next());
            project = a - basic;
          }
        }
        return { code, name: itemName(kCode, kName, is), basic, project, stateCapital: false };
      });
      return { code: kCode, name: kName, items };
    });
    classes.push({ code: cls, name: CLASS_NAMES[cls]!, kuans });
  });

  // the 08 branch
  classes.push({
    code: STATE_CAPITAL.cls,
    name: CLASS_NAMES[STATE_CAPITAL.cls]!,
    kuans: [
      {
        code: STATE_CAPITAL.kuan,
        name: KNOWN_NAMES[STATE_CAPITAL.kuan]!,
        items: [
          {
            code: STATE_CAPITAL.item,
            name: KNOWN_NAMES[STATE_CAPITAL.item]!,
            basic: 0,
            project: amount(rng),
            stateCapital: true,
          },
        ],
      },
    ],
  });
  classes.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  return classes;
}

// ---------------------------------------------------------------------------------------------
// Code-keyed tables
// ---------------------------------------------------------------------------------------------

type Amounts = Record<string, number>;

/** Per-column values of one code-keyed table for an item. */
type ItemValues = (it: ItemSpec) => Amounts;

const ZERO_KEYS_02 = [
  'superiorSubsidy',
  'businessIncome',
  'operatingIncome',
  'affiliatedRemit',
  'otherIncome',
];
const ZERO_KEYS_03 = ['remitToSuperior', 'operating', 'subsidyToAffiliated'];

const VALUES: Record<string, { keys: string[]; item: ItemValues }> = {
  [T02]: {
    keys: ['total', 'fiscal', ...ZERO_KEYS_02],
    item: (it) => {
      const t = it.basic + it.project;
      const v: Amounts = { total: t, fiscal: t };
      for (const k of ZERO_KEYS_02) v[k] = 0;
      return v;
    },
  },
  [T03]: {
    keys: ['total', 'basic', 'project', ...ZERO_KEYS_03],
    item: (it) => {
      const v: Amounts = { total: it.basic + it.project, basic: it.basic, project: it.project };
      for (const k of ZERO_KEYS_03) v[k] = 0;
      return v;
    },
  },
  [T05]: {
    keys: ['subtotal', 'basic', 'project'],
    item: (it) =>
      it.stateCapital
        ? { subtotal: 0, basic: 0, project: 0 }
        : { subtotal: it.basic + it.project, basic: it.basic, project: it.project },
  },
  [T08]: {
    keys: ['total', 'basic', 'project'],
    item: (it) => ({ total: it.basic + it.project, basic: it.basic, project: it.project }),
  },
};

function addInto(acc: Amounts, v: Amounts, keys: readonly string[]): void {
  for (const k of keys) acc[k] = (acc[k] ?? 0) + (v[k] ?? 0);
}
function zeros(keys: readonly string[]): Amounts {
  const z: Amounts = {};
  for (const k of keys) z[k] = 0;
  return z;
}
function fmtValues(v: Amounts, keys: readonly string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of keys) out[k] = toDecimalString(v[k] ?? 0);
  return out;
}

interface CodeTableResult {
  table: ReportTable;
  total: Amounts;
  byClass: Map<string, Amounts>;
  byCode: Map<string, Amounts>;
}

function buildCodeTable(id: string, classes: ClassSpec[]): CodeTableResult {
  const { keys, item } = VALUES[id]!;
  const rows: GeneratedRow[] = [];
  const total = zeros(keys);
  const byClass = new Map<string, Amounts>();
  const byCode = new Map<string, Amounts>();
  const head: GeneratedRow = { hangci: null, code: null, level: '合计', name: '合计', values: {} };
  rows.push(head);
  for (const cls of classes) {
    const cSum = zeros(keys);
    const cRow: GeneratedRow = { hangci: null, code: cls.code, level: '类', name: cls.name, values: {} };
    rows.push(cRow);
    for (const k of cls.kuans) {
      const kSum = zeros(keys);
      const kRow: GeneratedRow = { hangci: null, code: k.code, level: '款', name: k.name, values: {} };
      rows.push(kRow);
      for (const it of k.items) {
        const v = item(it);
        addInto(kSum, v, keys);
        byCode.set(it.code, v);
        rows.push({ hangci: null, code: it.code, level: '项', name: it.name, values: fmtValues(v, keys) });
      }
      kRow.values = fmtValues(kSum, keys);
      byCode.set(k.code, kSum);
      addInto(cSum, kSum, keys);
    }
    cRow.values = fmtValues(cSum, keys);
    byClass.set(cls.code, cSum);
    byCode.set(cls.code, cSum);
    addInto(total, cSum, keys);
  }
  head.values = fmtValues(total, keys);
  return { table: withRows(id, rows), total, byClass, byCode };
}

// ---------------------------------------------------------------------------------------------
// 01, 04, 06, 07, 08, 09
// ---------------------------------------------------------------------------------------------

function isIncome(r: GeneratedRow): boolean {
  return r.side === 'income' || r.side === '收入';
}

function build01(t03: CodeTableResult, gb: number, sc: number): ReportTable {
  const src = sampleTable(T01).rows;
  const income: Record<number, number> = { 1: gb, 2: 0, 3: sc, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0 };
  const incomeYear = gb + sc;
  let expenseClasses = 0;
  for (const r of src) {
    if (!isIncome(r) && r.mapsToCode) expenseClasses += t03.byClass.get(r.mapsToCode)?.total ?? 0;
  }
  const rows = src.map((r): GeneratedRow => {
    if (isIncome(r)) {
      let v: number | null;
      if (r.name == null) v = null;
      else if (r.hangci != null && r.hangci in income) v = income[r.hangci]!;
      else if (r.name === '本年收入合计') v = incomeYear;
      else if (r.name === '总计')
        v = incomeYear; // + 使用非财政拨款结余 0 + 年初结转和结余 0
      else v = 0; // balances: none
      return { ...r, values: { incomeAmount: v == null ? null : toDecimalString(v) } };
    }
    let v: number | null;
    if (r.name == null) v = null;
    else if (r.mapsToCode) v = t03.byClass.get(r.mapsToCode)?.total ?? 0;
    else if (r.name === '本年支出合计') v = expenseClasses;
    else if (r.name === '总计')
      v = expenseClasses; // + 结余分配 0 + 年末结转和结余 0
    else v = 0;
    return { ...r, values: { expenseAmount: v == null ? null : toDecimalString(v) } };
  });
  return withRows(T01, rows);
}

function build04(t05: CodeTableResult, t08: CodeTableResult, gb: number, sc: number): ReportTable {
  const src = sampleTable(T04).rows;
  const cols = ['expenseTotal', 'expenseGeneralBudget', 'expenseGovFund', 'expenseStateCapital'] as const;
  const classRow = (code: string): Amounts => {
    const g = t05.byClass.get(code)?.subtotal ?? 0;
    const s = t08.byClass.get(code)?.total ?? 0;
    return { expenseTotal: g + s, expenseGeneralBudget: g, expenseGovFund: 0, expenseStateCapital: s };
  };
  const year = zeros(cols);
  for (const r of src) if (!isIncome(r) && r.mapsToCode) addInto(year, classRow(r.mapsToCode), cols);
  const rows = src.map((r): GeneratedRow => {
    if (isIncome(r)) {
      let v: number | null;
      if (r.name == null) v = null;
      else if (r.hangci === 1) v = gb;
      else if (r.hangci === 2) v = 0;
      else if (r.hangci === 3) v = sc;
      else if (r.name === '本年收入合计' || r.name === '总计') v = gb + sc;
      else v = 0; // 年初财政拨款结转和结余 and its three parts
      return { ...r, values: { incomeAmount: v == null ? null : toDecimalString(v) } };
    }
    let v: Amounts | null;
    if (r.name == null) v = null;
    else if (r.mapsToCode) v = classRow(r.mapsToCode);
    else if (r.name === '本年支出合计' || r.name === '总计')
      v = year; // + 年末结转和结余 0
    else v = zeros(cols);
    const values: Record<string, string | null> = {};
    for (const c of cols) values[c] = v == null ? null : toDecimalString(v[c] ?? 0);
    return { ...r, values };
  });
  return withRows(T04, rows);
}

/** 06 weights per 款 (integers), for the part of 人员经费 / 公用经费 that is not pinned by D15. */
const PERSONNEL_WEIGHTS: Record<string, number> = {
  '30101': 180,
  '30102': 160,
  '30103': 80,
  '30106': 10,
  '30107': 140,
  '30112': 10,
  '30114': 5,
  '30199': 30,
  '30301': 10,
  '30302': 40,
  '30304': 5,
  '30305': 10,
  '30307': 5,
  '30399': 5,
};
const PUBLIC_WEIGHTS: Record<string, number> = {
  '30201': 60,
  '30202': 10,
  '30203': 5,
  '30204': 1,
  '30205': 10,
  '30206': 25,
  '30207': 10,
  '30208': 15,
  '30209': 50,
  '30211': 30,
  '30212': 3,
  '30213': 30,
  '30214': 10,
  '30215': 8,
  '30216': 10,
  '30217': 5,
  '30218': 10,
  '30225': 2,
  '30226': 40,
  '30227': 40,
  '30228': 30,
  '30229': 20,
  '30231': 20,
  '30239': 40,
  '30240': 2,
  '30299': 60,
  '31002': 30,
  '31003': 10,
  '31007': 10,
  '31013': 5,
  '31099': 5,
  '39999': 2,
};
const PERSONNEL_CLASSES = ['301', '303'];
const PUBLIC_CLASSES = ['302', '307', '310', '312', '313', '399'];

function build06(rng: Rng, t05: CodeTableResult): { table: ReportTable; amounts: Map<string, number> } {
  const src = sampleTable(T06).rows;
  const basicOf = (code: string) => t05.byCode.get(code)?.basic ?? 0;
  const basicTotal = t05.total.basic ?? 0;
  // D15: pinned social-insurance items
  const pinned: Record<string, number> = {
    '30108': basicOf('2080505'),
    '30109': basicOf('2080506'),
    '30110': basicOf('2101101') + basicOf('2101102'),
    '30111': basicOf('2101103'),
    '30113': basicOf('2210201'),
  };
  const pinnedSum = Object.values(pinned).reduce((s, x) => s + x, 0);
  const personnel = Math.max(pinnedSum, Math.round((basicTotal * 78) / 100));
  const publicTotal = basicTotal - personnel;

  const kuanCodes = src.filter((r) => r.code && r.code.length === 5).map((r) => r.code!);
  const amounts = new Map<string, number>();
  const personnelFree = kuanCodes.filter((c) => PERSONNEL_CLASSES.includes(c.slice(0, 3)) && !(c in pinned));
  const publicKuans = kuanCodes.filter((c) => PUBLIC_CLASSES.includes(c.slice(0, 3)));
  const jitter = (w: number) => w * rng.int(80, 120); // integer weights, ±20 % per 款
  const pSplit = splitByWeights(
    personnel - pinnedSum,
    personnelFree.map((c) => jitter(PERSONNEL_WEIGHTS[c] ?? 0)),
  );
  personnelFree.forEach((c, i) => amounts.set(c, pSplit[i]!));
  for (const [c, v] of Object.entries(pinned)) amounts.set(c, v);
  const uSplit = splitByWeights(
    publicTotal,
    publicKuans.map((c) => jitter(PUBLIC_WEIGHTS[c] ?? 0)),
  );
  publicKuans.forEach((c, i) => amounts.set(c, uSplit[i]!));
  for (const r of src) {
    if (r.code && r.code.length === 3) {
      let s = 0;
      for (const c of kuanCodes) if (c.startsWith(r.code)) s += amounts.get(c) ?? 0;
      amounts.set(r.code, s);
    }
  }
  const sumOf = (classes: string[]) => classes.reduce((s, c) => s + (amounts.get(c) ?? 0), 0);
  if (sumOf(PERSONNEL_CLASSES) !== personnel || sumOf(PUBLIC_CLASSES) !== publicTotal) {
    throw new Error('06 split does not add up');
  }
  const rows = src.map((r): GeneratedRow => {
    let v: number;
    if (r.role === 'personnelTotal') v = personnel;
    else if (r.role === 'publicTotal') v = publicTotal;
    else v = amounts.get(r.code ?? '') ?? 0;
    return { ...r, values: { amount: toDecimalString(v) } };
  });
  return { table: withRows(T06, rows), amounts };
}

function build07(): ReportTable {
  // empty, as in the sample: only the 合计 row, blank cells (and the 说明 line in the metadata)
  const src = sampleTable(T07).rows;
  return withRows(
    T07,
    src.map((r) => ({ ...r, values: { ...r.values } })),
  );
}

function build09(rng: Rng, amounts06: Map<string, number>): ReportTable {
  const fAbroad = amounts06.get('30212') ?? 0;
  const fPurchase = amounts06.get('31013') ?? 0;
  const fOperation = amounts06.get('30231') ?? 0;
  const fReception = amounts06.get('30217') ?? 0;
  const up = (x: number) => x + Math.round((x * rng.int(0, 20)) / 100); // budget ≥ final
  const bAbroad = up(fAbroad);
  const bPurchase = up(fPurchase);
  const bOperation = up(fOperation);
  const bReception = up(fReception);
  const v: Amounts = {
    budgetAbroad: bAbroad,
    budgetVehiclePurchase: bPurchase,
    budgetVehicleOperation: bOperation,
    budgetVehicleSubtotal: bPurchase + bOperation,
    budgetReception: bReception,
    budgetTotal: bAbroad + bPurchase + bOperation + bReception,
    finalAbroad: fAbroad,
    finalVehiclePurchase: fPurchase,
    finalVehicleOperation: fOperation,
    finalVehicleSubtotal: fPurchase + fOperation,
    finalReception: fReception,
    finalTotal: fAbroad + fPurchase + fOperation + fReception,
  };
  const src = sampleTable(T09).rows;
  return withRows(
    T09,
    src.map((r) => {
      const values: Record<string, string | null> = {};
      for (const k of Object.keys(r.values)) values[k] = toDecimalString(v[k] ?? 0);
      return { ...r, values };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

export function generateLargeReport(options: LargeReportOptions = {}): ReportFile {
  const itemRows = options.itemRows ?? 20000;
  const seed = options.seed ?? 2024;
  if (!Number.isInteger(itemRows) || itemRows < 1) throw new Error(`bad itemRows: ${itemRows}`);
  const rng = createRng(seed);
  const itemsPerTable = Math.max(1, Math.round(itemRows / 3));
  const classes = buildStructure(rng, itemsPerTable);

  const t02 = buildCodeTable(T02, classes);
  const t03 = buildCodeTable(T03, classes);
  const t05 = buildCodeTable(T05, classes);
  // 08: the 国有资本经营 branch only
  const scClasses = classes.filter((c) => c.code === STATE_CAPITAL.cls);
  const t08 = buildCodeTable(T08, scClasses);

  const gb = t05.total.subtotal ?? 0;
  const sc = t08.total.total ?? 0;
  const t06 = build06(rng, t05);
  const tables: ReportTable[] = [
    build01(t03, gb, sc),
    t02.table,
    t03.table,
    build04(t05, t08, gb, sc),
    t05.table,
    t06.table,
    build07(),
    t08.table,
    build09(rng, t06.amounts),
  ];
  return {
    kind: 'final',
    year: 2024,
    department: '示范市市级部门（汇总）',
    unit: '万元',
    tables,
  };
}

// ---------------------------------------------------------------------------------------------
// Edit targets for the timing loops
// ---------------------------------------------------------------------------------------------

function table(report: ReportFile, id: string): ReportTable {
  const t = report.tables.find((x) => x.id === id);
  if (!t) throw new Error(`report has no table ${id}`);
  return t;
}

/** 项 rows (7-digit codes) of a table, in document order. */
export function itemRowsOf(report: ReportFile, id: string): ReportRow[] {
  return table(report, id).rows.filter((r) => typeof r.code === 'string' && r.code.length === 7);
}

/**
 * `count` input cells (项 rows × non-total columns of 02, 03, 05), uniformly over all input cells.
 * Cells may repeat.
 */
export function pickEditCells(report: ReportFile, count: number, seed: number): BenchCellRef[] {
  const rng = createRng(seed ^ 0x5eed);
  const pools = CODE_TABLES.map((spec) => ({
    spec,
    items: itemRowsOf(report, spec.id).map((r) => r.code as string),
  }));
  const sizes = pools.map((p) => p.items.length * p.spec.inputKeys.length);
  const totalCells = sizes.reduce((s, x) => s + x, 0);
  if (totalCells === 0) throw new Error('no input cells');
  const out: BenchCellRef[] = [];
  for (let i = 0; i < count; i++) {
    let x = Math.floor(rng.next() * totalCells);
    let t = 0;
    while (x >= sizes[t]!) x -= sizes[t++]!;
    const p = pools[t]!;
    const ncols = p.spec.inputKeys.length;
    out.push({
      table: p.spec.id,
      row: p.items[Math.floor(x / ncols)]!,
      column: p.spec.inputKeys[x % ncols]!,
    });
  }
  return out;
}

/**
 * A paste from Excel: a rectangular block of consecutive 项 rows × adjacent input columns of one
 * table, `size` cells (500 → 100 rows × 5 columns in 02/03, 250 × 2 in 05), with new amounts.
 * If the table is too small for `size`, the block is as large as the table allows.
 */
export function pasteBlock(report: ReportFile, size = 500, seed = 1): BenchCellEdit[] {
  const rng = createRng(seed ^ 0xb10c);
  const spec = CODE_TABLES[rng.int(0, CODE_TABLES.length - 1)]!;
  const items = itemRowsOf(report, spec.id).map((r) => r.code as string);
  const ncols = spec.inputKeys.length;
  let w = 0;
  for (let c = ncols; c >= 1; c--) {
    if (size % c === 0 && size / c <= items.length) {
      w = c;
      break;
    }
  }
  let h: number;
  if (w > 0) h = size / w;
  else {
    w = ncols;
    h = Math.min(items.length, Math.ceil(size / w));
  }
  const r0 = rng.int(0, items.length - h);
  const c0 = rng.int(0, ncols - w);
  const out: BenchCellEdit[] = [];
  for (let r = 0; r < h && out.length < size; r++) {
    for (let c = 0; c < w && out.length < size; c++) {
      out.push({
        table: spec.id,
        row: items[r0 + r]!,
        column: spec.inputKeys[c0 + c]!,
        text: toDecimalString(amount(rng)),
      });
    }
  }
  return out;
}

/** Number of amount cells (value slots, blank or not) in the report, all tables. */
export function countAmountCells(report: ReportFile): number {
  let n = 0;
  for (const t of report.tables) for (const r of t.rows) n += Object.keys(r.values).length;
  return n;
}
