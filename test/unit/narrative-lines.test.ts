/**
 * A 情况说明 extracted from a PDF: its lines are where the page's margin fell, with page numbers and
 * running headers between them. Joined back into paragraphs, the checker reads its figures and
 * sentences as in the Word file it was printed from.
 */
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../shared/narrative/figures';
import { isPagedText, paragraphsOfPages } from '../../shared/narrative/lines';
import { narrativeFromPlainText } from '../../shared/narrative/text';

/** Pages as pdftotext writes them: a form feed after each. */
const pages = (...texts: string[]) => texts.map((t) => `${t}\n\f`).join('');

describe('joining a PDF’s lines into paragraphs', () => {
  it('mends a figure split across a line break, which is otherwise read as two numbers', () => {
    const text = pages('年初预算为1234.\n56万元，支出决算为10\n0.00万元。');
    const digits = (t: string) => extractFigures(t).map((f) => f.printed);
    expect(digits(text)).toEqual(['56万元', '0.00万元']);
    expect(paragraphsOfPages(text)).toEqual(['年初预算为1234.56万元，支出决算为100.00万元。']);
    expect(digits(narrativeFromPlainText(text).text)).toEqual(['1234.56万元', '100.00万元']);
  });

  it('keeps a term and its figure in one sentence when the line breaks between them', () => {
    const text = pages('年初预算为\n161.62万元，支出决算为160.75万\n元。');
    expect(paragraphsOfPages(text)).toEqual(['年初预算为161.62万元，支出决算为160.75万元。']);
  });

  it('ends a paragraph after a sentence and at a blank line, not after a clause at the margin', () => {
    const text = pages(
      '2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：',
      '局财政业务指导与宣传等基本支出。年初预算为10.00万元。\n决算数与预算数基本持平。',
      '占11.11%；\n卫生健康支出（类）60.99万元\n\n另起一段',
    );
    expect(paragraphsOfPages(text)).toEqual([
      '2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。年初预算为10.00万元。',
      '决算数与预算数基本持平。',
      '占11.11%；卫生健康支出（类）60.99万元',
      '另起一段',
    ]);
  });

  it('starts a paragraph at a heading or a numbered item, and a heading stands alone', () => {
    const text = pages(
      '其中：\n1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休\n（项）。年初预算为85.55万元。',
      '一、收入支出决算总体情况说明\n上海市普陀区财政局2024年度收入支出总计2995.39万元，与',
      '上年相比\n（一）机关运行经费支出情况\n机关运行经费支出184.65万元。',
    );
    expect(paragraphsOfPages(text)).toEqual([
      '其中：',
      '1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。年初预算为85.55万元。',
      '一、收入支出决算总体情况说明',
      '上海市普陀区财政局2024年度收入支出总计2995.39万元，与上年相比',
      '（一）机关运行经费支出情况',
      '机关运行经费支出184.65万元。',
    ]);
  });

  it('joins a heading’s own tail when it wraps, and a 1. that is a decimal is no item', () => {
    const text = pages(
      '第三部分上海市普陀区财政局2024年度部门决算情况\n说明\n（一）\n“三公”经费财政拨款支出决算总体情况说明。\n支出决算为\n1.5万元。',
    );
    expect(paragraphsOfPages(text)).toEqual([
      '第三部分上海市普陀区财政局2024年度部门决算情况说明',
      '（一）“三公”经费财政拨款支出决算总体情况说明。',
      '支出决算为1.5万元。',
    ]);
  });

  it('takes a heading’s next line without punctuation for its tail, and what follows the tail for text', () => {
    // The district's template: the body's first line has no comma, so it stays with the title (the
    // section splitter finds titles glued to text), but the sentence it starts is not cut.
    const text = pages(
      '（二）政府采购支出情况\n上海市XX局2024年度政府采购金额（以合同签订为准）为\nXXX万元，其中：货物采购金额XX万元。',
    );
    expect(paragraphsOfPages(text)).toEqual([
      '（二）政府采购支出情况上海市XX局2024年度政府采购金额（以合同签订为准）为XXX万元，其中：货物采购金额XX万元。',
    ]);
  });

  it('drops page numbers and running headers at the pages’ edges, and joins across the page break', () => {
    const header = (n: number) => `上海市普陀区财政局2024年度部门决算 第${n}页`;
    const text = pages(
      `${header(21)}\n五、一般公共预算财政拨款支出决算情况说明\n（三）具体情况\n支出决算为2940.05万元，年初预算为\n\n- 21 -`,
      `${header(22)}\n450.52万元，支出决算为449.52万元。\n22`,
      `${header(23)}\n六、基本支出\n第 23 页`,
    );
    expect(paragraphsOfPages(text)).toEqual([
      '五、一般公共预算财政拨款支出决算情况说明',
      '（三）具体情况',
      '支出决算为2940.05万元，年初预算为450.52万元，支出决算为449.52万元。',
      '六、基本支出',
    ]);
  });

  it('keeps a sentence that opens two pages: a header ends no sentence', () => {
    const text = pages(
      '决算数与预算数基本持平。\n2、甲（类）乙（款）丙（项）。',
      '决算数与预算数基本持平。\n3、丁。',
    );
    expect(paragraphsOfPages(text)).toEqual([
      '决算数与预算数基本持平。',
      '2、甲（类）乙（款）丙（项）。',
      '决算数与预算数基本持平。',
      '3、丁。',
    ]);
  });

  it('is used for text with page breaks only: a text of one paragraph per line is read as it is', () => {
    expect(isPagedText(pages('甲'))).toBe(true);
    expect(isPagedText('一、收入决算情况说明\n本年收入合计\n')).toBe(false);
    const lines = '一、标题\n本年收入合计2946.25万元，其中：\n财政拨款收入2940.05万元。';
    expect(narrativeFromPlainText(lines).text).toBe(lines);
    expect(narrativeFromPlainText(pages(lines)).text).toBe(
      '一、标题\n本年收入合计2946.25万元，其中：财政拨款收入2940.05万元。',
    );
  });
});
