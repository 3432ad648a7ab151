/**
 * The rule language (审核公式), parsed into a syntax tree. It knows nothing of templates: names are
 * resolved later by the binder, so one parser serves every table set.
 *
 * A formula reads like the checks a finance office writes by hand:
 *
 *   公开05表 每行：小计 = 基本支出 + 项目支出
 *   公开02表、公开03表 每个类 每栏：[本行] = 求和([下级])
 *   公开01表 每个功能类：[本行] = 公开03表[同码].本年支出合计
 *   公开03表 每行：若 只有财政拨款 则 基本支出 = 公开05表[同码].基本支出 + …
 *
 * Grammar (tokens are separated by spaces or punctuation):
 *   formula    := [scope '：'] ['若' condition '则'] body
 *   scope      := TABLE ('、' TABLE)* [rowScope] [colScope]
 *   rowScope   := '每行' ['(' NAME ')'] | '每个' NAME          (每个类 is written as one word)
 *   colScope   := '每栏' ['(' NAME ')']
 *   body       := comparison | call
 *   condition  := conjunction ('或' conjunction)*
 *   conjunction:= condAtom ('且' condAtom)*
 *   condAtom   := comparison | call | NAME (a named condition) | '(' condition ')'
 *   comparison := expr ('=' | '>=' | '<=' | '≥' | '≤') expr
 *   expr       := ['-'] term (('+' | '-') term)*
 *   term       := NUMBER | call | ref | '(' expr ')'
 *   call       := NAME '(' [arg (',' arg)*] ')'        (求和, 存在, 层级完整, 代码一致)
 *   ref        := NAME ['[' NAME ']'] ['.' NAME] | '[' NAME ']' ['.' NAME]
 */

export interface Position {
  /** 0-based offset into the formula text. */
  offset: number;
}

export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'RuleSyntaxError';
  }

  /** The formula with a caret under the offending character, for messages shown to people. */
  pointer(): string {
    return pointAt(this.source, this.offset);
  }
}

/**
 * The source with a caret under one character. Full-width characters take two columns in a
 * monospaced console, so they are padded with a full-width space.
 */
export function pointAt(source: string, offset: number): string {
  const pad = [...source.slice(0, offset)].map((ch) => (/[\u1100-\uFFEF]/u.test(ch) ? '　' : ' ')).join('');
  return `${source}\n${pad}^`;
}

export type Comparator = '=' | '>=' | '<=';

export interface RefNode extends Position {
  kind: 'ref';
  /** First name when written as NAME[...] or NAME.NAME, or a lone NAME (table or column: the binder decides). */
  head?: string;
  row?: string;
  column?: string;
}
export interface NumberNode extends Position {
  kind: 'number';
  text: string;
}
export interface CallNode extends Position {
  kind: 'call';
  name: string;
  args: ExprNode[];
}
export interface BinaryNode extends Position {
  kind: 'binary';
  op: '+' | '-';
  left: ExprNode;
  right: ExprNode;
}
export interface NegateNode extends Position {
  kind: 'negate';
  operand: ExprNode;
}
export type ExprNode = RefNode | NumberNode | CallNode | BinaryNode | NegateNode;

export interface ComparisonNode extends Position {
  kind: 'compare';
  op: Comparator;
  left: ExprNode;
  right: ExprNode;
}
export interface NamedConditionNode extends Position {
  kind: 'named';
  name: string;
}
export interface LogicNode extends Position {
  kind: 'and' | 'or';
  parts: ConditionNode[];
}
export type ConditionNode = ComparisonNode | CallNode | NamedConditionNode | LogicNode;

export interface ScopeNode extends Position {
  tables: string[];
  /** '每行' (all rows) or a tag after 每个 / in 每行(…). */
  rows?: { tag: string | null } & Position;
  columns?: { tag: string | null } & Position;
}

export interface FormulaNode {
  source: string;
  scope?: ScopeNode;
  condition?: ConditionNode;
  body: ComparisonNode | CallNode;
}

type TokenKind = 'name' | 'number' | 'punct' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  offset: number;
}

/** Characters that end a name. Full-width brackets （） stay inside names: 因公出国（境）费. */
const PUNCT = new Set([
  '[',
  ']',
  '(',
  ')',
  '.',
  ',',
  '，',
  '、',
  '：',
  ':',
  '=',
  '<',
  '>',
  '≥',
  '≤',
  '+',
  '-',
  '－',
  '−',
]);
const NORMALISE: Record<string, string> = { ':': '：', '，': ',', '－': '-', '−': '-', '≥': '>=', '≤': '<=' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    if ((ch === '>' || ch === '<') && source[i + 1] === '=') {
      tokens.push({ kind: 'punct', text: ch + '=', offset: i });
      i += 2;
      continue;
    }
    if (ch === '>' || ch === '<') {
      throw new RuleSyntaxError(`不支持“${ch}”，请用“${ch}=”`, source, i);
    }
    if (PUNCT.has(ch)) {
      tokens.push({ kind: 'punct', text: NORMALISE[ch] ?? ch, offset: i });
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/u.test(ch)) {
      while (i < source.length && /[0-9.]/u.test(source[i]!)) i++;
      // A run of digits followed by name characters is a name (e.g. a code used as a name is digits only).
      if (i < source.length && !PUNCT.has(source[i]!) && !/\s/u.test(source[i]!)) {
        throw new RuleSyntaxError(`“${source.slice(start, i + 1)}”不是数字也不是名称`, source, start);
      }
      tokens.push({ kind: 'number', text: source.slice(start, i), offset: start });
      continue;
    }
    while (i < source.length && !PUNCT.has(source[i]!) && !/\s/u.test(source[i]!)) i++;
    tokens.push({ kind: 'name', text: source.slice(start, i), offset: start });
  }
  tokens.push({ kind: 'end', text: '', offset: source.length });
  return tokens;
}

const ROW_SCOPE_EACH = '每个';

class Parser {
  private index = 0;
  private readonly tokens: Token[];

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  parseFormula(): FormulaNode {
    const scope = this.hasScope() ? this.parseScope() : undefined;
    let condition: ConditionNode | undefined;
    if (this.peekName('若')) {
      this.next();
      condition = this.parseCondition();
      this.expectName('则');
    }
    const body = this.parseBody();
    this.expect('end', '公式在此处应当结束');
    return { source: this.source, ...(scope ? { scope } : {}), ...(condition ? { condition } : {}), body };
  }

  parseConditionOnly(): ConditionNode {
    const condition = this.parseCondition();
    this.expect('end', '条件在此处应当结束');
    return condition;
  }

  parseExpressionOnly(): ExprNode {
    const expression = this.parseExpr();
    this.expect('end', '算式在此处应当结束');
    return expression;
  }

  /** A scope is present when a '：' appears, or when the table name is followed by a scope word. */
  private hasScope(): boolean {
    const second = this.tokens[1];
    const scopeWord =
      second?.kind === 'name' &&
      (second.text === '每行' || second.text === '每栏' || second.text.startsWith(ROW_SCOPE_EACH));
    return scopeWord || this.tokens.some((t) => t.kind === 'punct' && t.text === '：');
  }

  private parseScope(): ScopeNode {
    const first = this.peek();
    const tables = [this.expect('name', '此处应为表名').text];
    while (this.peekPunct('、')) {
      this.next();
      tables.push(this.expect('name', '“、”之后应为表名').text);
    }
    const scope: ScopeNode = { offset: first.offset, tables };
    const rowWord = this.peek();
    if (rowWord.kind === 'name' && rowWord.text === '每行') {
      this.next();
      scope.rows = { tag: this.parseOptionalTag(), offset: rowWord.offset };
    } else if (
      rowWord.kind === 'name' &&
      rowWord.text.startsWith(ROW_SCOPE_EACH) &&
      rowWord.text.length > 2
    ) {
      this.next();
      scope.rows = { tag: rowWord.text.slice(ROW_SCOPE_EACH.length), offset: rowWord.offset };
    }
    const colWord = this.peek();
    if (colWord.kind === 'name' && colWord.text === '每栏') {
      this.next();
      scope.columns = { tag: this.parseOptionalTag(), offset: colWord.offset };
    }
    this.expectPunct('：', '范围之后应为“：”（可用的范围写法：每行、每行(标签)、每个类、每栏、每栏(支出)）');
    return scope;
  }

  private parseOptionalTag(): string | null {
    if (!this.peekPunct('(')) return null;
    this.next();
    const tag = this.expect('name', '括号内应为行或栏的标签').text;
    this.expectPunct(')', '缺少“)”');
    return tag;
  }

  private parseBody(): ComparisonNode | CallNode {
    const start = this.peek();
    const left = this.parseExpr();
    if (this.peekComparator()) return this.finishComparison(left, start.offset);
    if (left.kind === 'call') return left;
    throw new RuleSyntaxError('此处应为比较符号“=”、“>=”或“<=”', this.source, this.peek().offset);
  }

  private finishComparison(left: ExprNode, offset: number): ComparisonNode {
    const op = this.next().text as Comparator;
    const right = this.parseExpr();
    return { kind: 'compare', op, left, right, offset };
  }

  private parseCondition(): ConditionNode {
    const start = this.peek().offset;
    const parts = [this.parseConjunction()];
    while (this.peekName('或')) {
      this.next();
      parts.push(this.parseConjunction());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'or', parts, offset: start };
  }

  private parseConjunction(): ConditionNode {
    const start = this.peek().offset;
    const parts = [this.parseConditionAtom()];
    while (this.peekName('且')) {
      this.next();
      parts.push(this.parseConditionAtom());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'and', parts, offset: start };
  }

  private parseConditionAtom(): ConditionNode {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === '(') {
      // A parenthesised condition, unless it is the start of an arithmetic expression.
      const save = this.index;
      this.next();
      try {
        const inner = this.parseCondition();
        this.expectPunct(')', '缺少“)”');
        if (!this.peekComparator()) return inner;
      } catch (error) {
        if (!(error instanceof RuleSyntaxError)) throw error;
      }
      this.index = save;
    }
    const left = this.parseExpr();
    if (this.peekComparator()) return this.finishComparison(left, token.offset);
    if (left.kind === 'call') return left;
    if (
      left.kind === 'ref' &&
      left.head !== undefined &&
      left.row === undefined &&
      left.column === undefined
    ) {
      return { kind: 'named', name: left.head, offset: left.offset };
    }
    throw new RuleSyntaxError('此处应为条件：比较、存在(…) 或已定义的条件名', this.source, token.offset);
  }

  private parseExpr(): ExprNode {
    let left: ExprNode;
    const first = this.peek();
    if (this.peekPunct('-')) {
      this.next();
      left = { kind: 'negate', operand: this.parseTerm(), offset: first.offset };
    } else {
      left = this.parseTerm();
    }
    while (this.peekPunct('+') || this.peekPunct('-')) {
      const opToken = this.next();
      const right = this.parseTerm();
      left = { kind: 'binary', op: opToken.text as '+' | '-', left, right, offset: opToken.offset };
    }
    return left;
  }

  private parseTerm(): ExprNode {
    const token = this.peek();
    if (token.kind === 'number') {
      this.next();
      return { kind: 'number', text: token.text, offset: token.offset };
    }
    if (token.kind === 'punct' && token.text === '(') {
      this.next();
      const inner = this.parseExpr();
      this.expectPunct(')', '缺少“)”');
      return inner;
    }
    if (token.kind === 'punct' && token.text === '[') {
      const row = this.parseRowSelector();
      return { kind: 'ref', row, ...this.parseOptionalColumn(), offset: token.offset };
    }
    if (token.kind === 'name') {
      this.next();
      if (this.peekPunct('(')) return this.parseCallArgs(token);
      const ref: RefNode = { kind: 'ref', head: token.text, offset: token.offset };
      if (this.peekPunct('[')) ref.row = this.parseRowSelector();
      return { ...ref, ...this.parseOptionalColumn() };
    }
    throw new RuleSyntaxError(
      token.kind === 'end' ? '公式不完整' : `此处不应出现“${token.text}”`,
      this.source,
      token.offset,
    );
  }

  private parseCallArgs(nameToken: Token): CallNode {
    this.expectPunct('(', '缺少“(”');
    const args: ExprNode[] = [];
    if (!this.peekPunct(')')) {
      args.push(this.parseExpr());
      while (this.peekPunct(',')) {
        this.next();
        args.push(this.parseExpr());
      }
    }
    this.expectPunct(')', '缺少“)”');
    return { kind: 'call', name: nameToken.text, args, offset: nameToken.offset };
  }

  private parseRowSelector(): string {
    this.expectPunct('[', '缺少“[”');
    const token = this.next();
    if (token.kind !== 'name' && token.kind !== 'number') {
      throw new RuleSyntaxError('“[ ]”内应为行名、科目编码或标签', this.source, token.offset);
    }
    this.expectPunct(']', '缺少“]”');
    return token.text;
  }

  private parseOptionalColumn(): { column?: string } {
    if (!this.peekPunct('.')) return {};
    this.next();
    return { column: this.expect('name', '“.”之后应为栏目名或栏次（如 栏3）').text };
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private peekPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === text;
  }

  private peekName(text: string): boolean {
    const t = this.peek();
    return t.kind === 'name' && t.text === text;
  }

  private peekComparator(): boolean {
    return this.peekPunct('=') || this.peekPunct('>=') || this.peekPunct('<=');
  }

  private expect(kind: TokenKind, message: string): Token {
    const t = this.peek();
    if (t.kind !== kind) throw new RuleSyntaxError(message, this.source, t.offset);
    return this.next();
  }

  private expectPunct(text: string, message: string): Token {
    if (!this.peekPunct(text)) throw new RuleSyntaxError(message, this.source, this.peek().offset);
    return this.next();
  }

  private expectName(text: string): Token {
    if (!this.peekName(text)) throw new RuleSyntaxError(`此处应为“${text}”`, this.source, this.peek().offset);
    return this.next();
  }
}

export function parseFormula(source: string): FormulaNode {
  return new Parser(source).parseFormula();
}

export function parseCondition(source: string): ConditionNode {
  return new Parser(source).parseConditionOnly();
}

/** An amount expression alone (公开05表[合计].小计 - 公开05表[合计].基本支出), as the narrative's slots use them. */
export function parseExpression(source: string): ExprNode {
  return new Parser(source).parseExpressionOnly();
}
