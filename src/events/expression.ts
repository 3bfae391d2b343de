/**
 * Trigger expressions: a small, sandboxed arithmetic and logic language for scenario files.
 *
 * Why this file is over 500 lines (about 1,700): it is one trust boundary. The lexer, the token
 * checks and the compiler below are the sandbox's three whitelists and share private token,
 * node and compile-context types; kept together, nothing of the sandbox's inside is exported and
 * a review reads the whole boundary in one place. The vocabulary (plain data) is already apart,
 * in expressionLanguage.ts.
 *
 * A scenario author writes `"when": "rangeM < 500 and rangeRateMps < 0"`. The text is checked and
 * compiled once, when the scenario loads, into a tree of plain JavaScript closures over a
 * `Float64Array` of variables. Evaluating it allocates nothing and calls no library code, so a
 * trigger can be tested at every integration step.
 *
 * The language is a strict subset of the mathjs expression syntax [1]: number literals
 * (`500`, `0.5`, `1e3`, `Infinity`, `NaN`), `true` and `false`, the variable names the caller
 * passes in, the constant `pi`, `+ - * / ^ mod`, unary `-` and `+`, `< <= > >= == !=` (chained as
 * in mathjs: `0 < x < 1` means `0 < x and x < 1`), `and or xor not`, `c ? a : b`, parentheses and
 * the functions in {@link EXPRESSION_FUNCTIONS}. Precedence is mathjs's ({@link EXPRESSION_OPERATORS}):
 * `-2^2` is `-4`, `2^3^2` is `512`, `-7 mod 3` is `(-7) mod 3`, and `not` binds as tightly as unary
 * minus, so `not rangeM < 500` would mean `(not rangeM) < 500`; that form is refused, with a
 * request to write `not (rangeM < 500)`. The vocabulary itself (functions, constants, operators)
 * is plain data in expressionLanguage.ts, which the plan editor's completion reads without mathjs.
 *
 * Sandbox design: three independent whitelists, so a hole in one is caught by the next.
 * 1. A lexer (ours) reads the raw text and accepts only the tokens above. It rejects, with the exact
 *    character position, everything that could open a door: `.` outside a number (property access,
 *    `cos.constructor`), `[ ] { }` (indexing, matrices, objects), quotes (strings), `;` and line
 *    breaks (several statements), a lone `=` (assignment), `%`, bitwise operators, `:` without a
 *    matching `?` (ranges), unknown names (`import`, `evaluate`, `constructor`, `__proto__`, units
 *    such as `cm`), two operands side by side (implicit multiplication, `2 cm`) and nesting deeper
 *    than {@link EXPRESSION_MAX_NESTING}.
 * 2. mathjs parses the text into a node tree, with an instance built by `create()` from
 *    `parseDependencies` alone [3]. That instance has no `evaluate`, `compile`, `simplify`,
 *    `derivative` or `createUnit` worth reaching, and nothing here ever compiles or evaluates a mathjs
 *    node: the tree is only read. Building the instance from `all` and filtering the tree would work
 *    too, but would keep every dangerous function loaded one bug away from the parser; the mathjs
 *    security notes [2] recommend disabling what is not needed.
 * 3. Our compiler walks the tree and accepts only the node types, operators and functions of the
 *    language; anything else (assignment, accessor, index, object, array, range, block, function
 *    definition, strings, `null`) is rejected again. The closures it emits can reach only `Math`
 *    functions and the variable array. Names resolve through `Map`s, never through plain objects, so
 *    `constructor` or `__proto__` can never find a prototype.
 *
 * Semantics, where they differ from mathjs `evaluate` on purpose:
 * - Comparisons, `floor`, `ceil` and `round` use plain IEEE-754 doubles. mathjs compares with a
 *   relative tolerance (`1 == 1 + 1e-15` is true there, false here): a trigger must fire on the
 *   exact value the integrator produced, reproducibly.
 * - Division by zero gives `Infinity` or `NaN` as in JavaScript (mathjs agrees for numbers).
 *   `sqrt`, `log`, `asin`, `acos` and `^` give `NaN` where mathjs would return a complex number
 *   (`(-8)^(1/3)` is `NaN`, as `Math.pow` gives).
 * - Truth values are the numbers 1 and 0. A value is true when it is neither 0 nor `NaN` (mathjs
 *   does the same for numbers), so a condition that evaluates to `NaN` is false.
 * - `a mod b` is mathjs's floored modulo, `a - b * floor(a / b)` (sign of `b`; `a mod 0 = a`), not
 *   JavaScript's `%`. `round` rounds halves away from zero, as mathjs does, unlike `Math.round`.
 * - `and` and `or` stop as soon as the result is known; every function is pure, so only speed
 *   changes.
 *
 * References:
 * [1] mathjs, "Expression syntax", https://mathjs.org/docs/expressions/syntax.html (operators,
 *     precedence, chained comparisons).
 * [2] mathjs, "Security", https://mathjs.org/docs/expressions/security.html.
 * [3] mathjs, "Custom bundling", https://mathjs.org/docs/custom_bundling.html (`create` with
 *     dependency collections).
 * [4] ECMAScript 2022 language specification, sec. 21.3 "The Math Object" (`Math.hypot`,
 *     `Math.round`, `Math.atan2` edge cases).
 */

import { create, parseDependencies } from 'mathjs/number';
import { registerConditionCompiler } from './conditions.ts';
import {
  EXPRESSION_CONSTANTS,
  EXPRESSION_FUNCTIONS,
  EXPRESSION_OPERATORS,
  EXPRESSION_WORD_OPERATORS,
  FUNCTIONS,
} from './expressionLanguage.ts';
import type {
  ConditionalNode,
  ConstantNode,
  FunctionNode,
  MathNode,
  OperatorNode,
  OperatorNodeFn,
  OperatorNodeOp,
  ParenthesisNode,
  RelationalNode,
  SymbolNode,
} from 'mathjs';

// The vocabulary lives in a module without mathjs (the editor's completion reads it); these names
// stay importable from here.
export {
  EXPRESSION_CONSTANTS,
  EXPRESSION_FUNCTIONS,
  EXPRESSION_OPERATORS,
  EXPRESSION_WORD_OPERATORS,
  type FunctionSpec,
} from './expressionLanguage.ts';

/** Longest accepted expression, characters (UTF-16 code units). */
export const EXPRESSION_MAX_LENGTH = 500;

/**
 * Deepest accepted parenthesis nesting. The mathjs parser recurses about twenty frames per level,
 * so a bound well below what a small browser stack holds keeps parsing from overflowing.
 */
export const EXPRESSION_MAX_NESTING = 32;

const CONSTANT_VALUES: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['true', 1],
  ['false', 0],
  ['Infinity', Infinity],
  ['NaN', NaN],
]);

/** Word operators that sit between two operands. */
const BINARY_KEYWORDS: ReadonlySet<string> = new Set(
  EXPRESSION_WORD_OPERATORS.filter((word) => word !== 'not'),
);

/** Every word the lexer gives a meaning to; a variable may not take one of these names. */
const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...FUNCTIONS.keys(),
  ...CONSTANT_VALUES.keys(),
  ...EXPRESSION_WORD_OPERATORS,
  'to',
  'in',
  'null',
  'undefined',
]);

/**
 * Names that someone probing the sandbox, or a mathjs user, may try. They are unknown like any
 * other name; the message only says plainly that they are not available.
 */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'import',
  'createUnit',
  'evaluate',
  'parse',
  'compile',
  'simplify',
  'derivative',
  'reviver',
  'resolve',
  'parser',
  'chain',
  'help',
  'config',
  'typed',
  'eval',
  'Function',
  'constructor',
  'prototype',
  '__proto__',
  'this',
  'globalThis',
  'window',
  'process',
  'require',
]);

/** Hints for names a mathjs or spreadsheet user may reach for. */
const NAME_HINTS: ReadonlyMap<string, string> = new Map([
  ['e', "Euler's number is not a constant here: write exp(x) for e^x"],
  ['ln', 'write log(x) for the natural logarithm'],
  ['log10', 'write log(x, 10)'],
  ['pow', 'write a ^ b'],
  ['if', 'write condition ? a : b'],
  ['to', "unit conversion ('to', 'in') is not supported: values are plain SI numbers"],
  ['in', "unit conversion ('to', 'in') is not supported: values are plain SI numbers"],
  ['null', "'null' is not a number: only numbers and truth values exist here"],
  ['undefined', "'undefined' is not a number: only numbers and truth values exist here"],
]);

/**
 * A trigger expression that failed to compile. The message quotes the expression, names the
 * problem, gives the character where it was found (counted from 1, as mathjs and editors count)
 * and repeats the expression with a caret under that character.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  /** The expression as written (empty when the input was not a string). */
  readonly expression: string;
  /**
   * 0-based index of the offending character in {@link ExpressionError.expression}, or `null` when
   * the problem is the expression as a whole (empty, not a condition). May equal the length of the
   * expression when the text ends too early.
   */
  readonly position: number | null;
  /** The problem alone, without the quoted expression or the caret, for compact UIs. */
  readonly reason: string;
  /** The allowed name closest to an unknown one (`rangem` gives `rangeM`), else `null`. */
  readonly suggestion: string | null;

  /**
   * @param expression - the expression as written
   * @param reason - what is wrong, lower case, no trailing period
   * @param position - 0-based character index of the problem, or `null`
   * @param suggestion - an allowed name to propose, or `null`
   * @param options - standard `Error` options (`cause`)
   */
  constructor(
    expression: string,
    reason: string,
    position: number | null,
    suggestion: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(formatMessage(expression, reason, position, suggestion), options);
    this.expression = expression;
    this.position = position;
    this.reason = reason;
    this.suggestion = suggestion;
  }
}

function formatMessage(
  expression: string,
  reason: string,
  position: number | null,
  suggestion: string | null,
): string {
  // Quote with JSON so that quotes and control characters inside the expression stay visible.
  const quoted =
    expression.length > EXPRESSION_MAX_LENGTH
      ? `${JSON.stringify(expression.slice(0, 60))}... (${expression.length} characters)`
      : JSON.stringify(expression);
  let message = `${quoted}: ${reason}`;
  if (position !== null) message += ` at character ${position + 1}`;
  if (suggestion !== null) message += `; did you mean '${suggestion}'?`;
  if (position !== null && expression.length <= EXPRESSION_MAX_LENGTH) {
    // One output column per UTF-16 unit, so the caret lines up under the offending character.
    let echo = '';
    for (let i = 0; i < expression.length; i++) {
      const code = expression.charCodeAt(i);
      echo += code < 0x20 || code === 0x7f ? ' ' : expression[i];
    }
    message += `\n  ${echo}\n  ${' '.repeat(position)}^`;
  }
  return message;
}

/** The variables of one evaluation: `vars[i]` holds the value of `names[i]`. */
export type ExpressionVariables = Float64Array;

/** A compiled numeric expression. */
export interface CompiledExpression {
  /** The source text, as written. */
  readonly text: string;
  /** The variable names the expression mentions, without repeats, in the order of the name list. */
  readonly usedNames: readonly string[];
  /** True when the value is a truth value (1 or 0): a comparison, `and`, `or`, `not`, ... */
  readonly isBoolean: boolean;
  /**
   * Evaluates the expression. Allocation-free; truth values come out as 1 and 0.
   *
   * @param vars - `vars[i]` is the value of `names[i]` (SI units, as each name says); at least
   *   `names.length` long, else a `RangeError` is thrown
   * @returns the value, in whatever unit the expression computes
   */
  evaluate(vars: ExpressionVariables): number;
}

/** A compiled condition: an expression whose value is a truth value. */
export interface CompiledCondition {
  /** The source text, as written. */
  readonly text: string;
  /** The variable names the condition mentions, without repeats, in the order of the name list. */
  readonly usedNames: readonly string[];
  /**
   * Evaluates the condition. Allocation-free. `NaN` counts as false.
   *
   * @param vars - `vars[i]` is the value of `names[i]` (SI units, as each name says); at least
   *   `names.length` long, else a `RangeError` is thrown
   * @returns whether the condition holds
   */
  evaluate(vars: ExpressionVariables): boolean;
}

/**
 * Checks and compiles an expression once, for evaluation many times.
 *
 * @param text - the expression, e.g. `"hypot(rM, iM) < 500"`; at most
 *   {@link EXPRESSION_MAX_LENGTH} characters
 * @param names - the variables the expression may read, in the order of the `Float64Array` that
 *   {@link CompiledExpression.evaluate} will receive; each a plain identifier
 *   (`[A-Za-z_][A-Za-z0-9_]*`) that is not a function, constant or operator word
 * @returns the compiled expression
 * @throws ExpressionError when the text is not a valid expression of the language (the only
 *   error a scenario author can cause)
 * @throws RangeError when `names` itself is invalid (a programming error)
 */
export function compileExpression(text: string, names: readonly string[]): CompiledExpression {
  const { root, mem, usedNames } = compileChecked(text, names);
  const required = names.length;
  const base = { text, usedNames, isBoolean: root.isBoolean };
  if (root.kind === 'truth') {
    const test = root.test;
    return {
      ...base,
      evaluate(vars: ExpressionVariables): number {
        if (vars.length < required) throw shortVarsError(vars.length, required);
        return test(vars);
      },
    };
  }
  const step = root.step;
  const operand = root.operand;
  return {
    ...base,
    evaluate(vars: ExpressionVariables): number {
      // One comparison; it keeps a short array from silently reading `undefined` as NaN.
      if (vars.length < required) throw shortVarsError(vars.length, required);
      if (step !== null) step(vars);
      return read(mem, vars, operand);
    },
  };
}

/**
 * Checks and compiles a condition, such as a maneuver trigger's `when`. Unlike
 * {@link compileExpression}, the expression must yield a truth value: a comparison, `and`, `or`,
 * `xor`, `not`, `true`, `false`, or a `? :` whose branches are all of these. A number-valued
 * `"when": "rangeM - 500"` is almost certainly a mistake, so it is refused at load.
 *
 * @param text - the condition, e.g. `"rangeM < 500 and rangeRateMps < 0"`
 * @param names - the variables the condition may read, in `Float64Array` order (see
 *   {@link compileExpression})
 * @returns the compiled condition
 * @throws ExpressionError when the text is not a valid condition
 * @throws RangeError when `names` itself is invalid
 */
export function compileCondition(text: string, names: readonly string[]): CompiledCondition {
  const { root, mem, usedNames } = compileChecked(text, names);
  if (!root.isBoolean) {
    throw new ExpressionError(
      text,
      "a condition must be a comparison or a logical expression such as 'rangeM < 500', " +
        'not a number',
      null,
    );
  }
  const required = names.length;
  if (root.kind === 'truth') {
    // Tests return exactly 1 or 0: a NaN below has already been read as false.
    const test = root.test;
    return {
      text,
      usedNames,
      evaluate(vars: ExpressionVariables): boolean {
        if (vars.length < required) throw shortVarsError(vars.length, required);
        return test(vars) !== 0;
      },
    };
  }
  // A truth value held as a number: in practice a folded `true` or `false`.
  const step = root.step;
  const operand = root.operand;
  return {
    text,
    usedNames,
    evaluate(vars: ExpressionVariables): boolean {
      if (vars.length < required) throw shortVarsError(vars.length, required);
      if (step !== null) step(vars);
      const value = read(mem, vars, operand);
      // `!== 0` alone would call NaN true; a NaN condition must not fire a burn.
      return value !== 0 && value === value;
    },
  };
}

/**
 * One line per element of the language, for the scenario format documentation and editor help.
 *
 * @param names - the variable names a scenario may use in this context
 * @returns human-readable lines in mathjs syntax
 */
export function describeExpressionLanguage(names: readonly string[]): readonly string[] {
  const lines = [
    `variables: ${names.join(', ')}`,
    `constants: ${EXPRESSION_CONSTANTS.join(', ')}`,
    `operators, loosest first: ${EXPRESSION_OPERATORS.join(' | ')}`,
  ];
  for (const spec of FUNCTIONS.values()) lines.push(`${spec.signature}: ${spec.description}`);
  return lines;
}

function shortVarsError(length: number, required: number): RangeError {
  return new RangeError(`expression variables: got ${length} values, need ${required}`);
}

// ---------------------------------------------------------------------------------------------
// Layer 1: lexer

type TokenKind = 'number' | 'name' | 'operator' | 'open' | 'close' | 'comma';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 0-based index of the first character. */
  readonly pos: number;
}

/** What a name token means, once the variable list is known. */
type NameRole = 'variable' | 'constant' | 'function' | 'binary' | 'not';

const CHARACTER_REASONS: ReadonlyMap<string, string> = new Map([
  [';', 'multiple statements are not allowed: a trigger is one expression'],
  ['\n', 'line breaks are not allowed: a trigger is one expression on one line'],
  ['\r', 'line breaks are not allowed: a trigger is one expression on one line'],
  ['[', 'indexing, arrays and matrices are not allowed'],
  [']', 'indexing, arrays and matrices are not allowed'],
  ['{', 'objects are not allowed'],
  ['}', 'objects are not allowed'],
  ['"', 'strings are not allowed'],
  ["'", 'strings are not allowed'],
  ['`', 'strings are not allowed'],
  ['%', "'%' is not allowed: write 'a mod b' for the remainder (mathjs also reads '%' as percent)"],
  ['&', "bitwise operators are not allowed: write 'and'"],
  ['|', "bitwise operators are not allowed: write 'or'"],
  ['~', "bitwise operators are not allowed: write 'not'"],
  ['#', 'comments are not allowed'],
]);

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isNameStart(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_');
}

function isNamePart(ch: string | undefined): boolean {
  return isNameStart(ch) || isDigit(ch);
}

/** Index just past the number literal that starts at `start`. */
function scanNumber(text: string, start: number): number {
  let i = start;
  const radix = text[i + 1];
  if (text[i] === '0' && radix !== undefined && 'xXbBoO'.includes(radix)) {
    // mathjs reads 0x1F, 0b101, 0o17 as numbers; it checks the digits itself.
    if (isNamePart(text[i + 2])) {
      i += 2;
      while (isNamePart(text[i])) i++;
      return i;
    }
  }
  while (isDigit(text[i])) i++;
  // A '.' belongs to the number only when a digit follows: "2.*3" is mathjs's element-wise
  // product, and leaving that '.' alone makes the lexer reject it.
  if (text[i] === '.' && isDigit(text[i + 1])) {
    i++;
    while (isDigit(text[i])) i++;
  }
  const e = text[i];
  if (e === 'e' || e === 'E') {
    const sign = text[i + 1];
    const digitAt = sign === '+' || sign === '-' ? i + 2 : i + 1;
    if (isDigit(text[digitAt])) {
      i = digitAt;
      while (isDigit(text[i])) i++;
    }
  }
  return i;
}

function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return code > 0x20 && code < 0x7f ? `'${ch}'` : `U+${hex}`;
}

/** The tokens before the first character outside the language, and the error for that one. */
interface Tokenized {
  readonly tokens: Token[];
  readonly error: ExpressionError | null;
}

/**
 * Splits the text into tokens. It stops at the first character outside the language and returns
 * that error instead of throwing it, so that an unknown name further left (`import({...})`) can be
 * reported first: authors fix problems left to right.
 */
function tokenize(text: string): Tokenized {
  const tokens: Token[] = [];
  try {
    scanTokens(text, tokens);
    return { tokens, error: null };
  } catch (error) {
    if (error instanceof ExpressionError) return { tokens, error };
    throw error;
  }
}

function scanTokens(text: string, tokens: Token[]): void {
  const n = text.length;
  const fail = (reason: string, pos: number): never => {
    throw new ExpressionError(text, reason, pos);
  };
  let i = 0;
  while (i < n) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === ' ' || ch === '\t') {
      i++;
    } else if (isDigit(ch) || (ch === '.' && isDigit(next))) {
      const end = scanNumber(text, i);
      tokens.push({ kind: 'number', text: text.slice(i, end), pos: i });
      i = end;
    } else if (isNameStart(ch)) {
      let end = i + 1;
      while (isNamePart(text[end])) end++;
      tokens.push({ kind: 'name', text: text.slice(i, end), pos: i });
      i = end;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'open' : ch === ')' ? 'close' : 'comma', text: ch, pos: i });
      i++;
    } else if (ch === '<' || ch === '>') {
      if (next === ch) fail('bit shifts are not allowed', i);
      const op = next === '=' ? ch + '=' : ch;
      tokens.push({ kind: 'operator', text: op, pos: i });
      i += op.length;
    } else if (ch === '=' || ch === '!') {
      if (next !== '=') {
        fail(
          ch === '='
            ? "assignment is not allowed: write '==' to compare"
            : "'!' is not allowed: write 'not' for negation, '!=' for 'not equal'",
          i,
        );
      }
      tokens.push({ kind: 'operator', text: ch + '=', pos: i });
      i += 2;
    } else if (ch === '?') {
      if (next === '?') fail("the nullish operator '??' is not allowed", i);
      tokens.push({ kind: 'operator', text: ch, pos: i });
      i++;
    } else if (ch === '*') {
      if (next === '*') fail("'**' is not allowed: write a ^ b for a power", i);
      tokens.push({ kind: 'operator', text: ch, pos: i });
      i++;
    } else if (ch === '+' || ch === '-' || ch === '/' || ch === '^' || ch === ':') {
      tokens.push({ kind: 'operator', text: ch, pos: i });
      i++;
    } else if (ch === '.') {
      fail(
        "'.' is only allowed inside a number such as 0.5 " +
          '(no property access, no element-wise operators)',
        i,
      );
    } else {
      fail(CHARACTER_REASONS.get(ch) ?? `unexpected character ${describeCharacter(ch)}`, i);
    }
  }
}

/** Optimal-string-alignment distance: edits plus swaps of two neighbours ("rnage"). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[(i - 2) * cols + j - 2] as number) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] as number;
}

/** The candidate closest to `name`, if close enough to be a likely typo; else `null`. */
function closestName(name: string, candidates: readonly string[]): string | null {
  const lower = name.toLowerCase();
  // Short names tolerate fewer edits, or "cm" would be taken for "cM".
  const maxDistance = name.length <= 3 ? 1 : name.length <= 6 ? 2 : 3;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== null && bestDistance <= maxDistance) return best;
  if (name.length >= 3) {
    // "range" -> "rangeM": the author stopped typing before the unit suffix.
    for (const candidate of candidates) {
      if (candidate.toLowerCase().startsWith(lower)) return candidate;
    }
  }
  return null;
}

/** Roles of every name token; throws for names outside the language. */
function checkTokens(
  text: string,
  tokens: readonly Token[],
  variables: ReadonlyMap<string, number>,
  complete: boolean,
): Map<Token, NameRole> {
  const roles = new Map<Token, NameRole>();
  const roleOf = (token: Token | undefined): NameRole | undefined =>
    token === undefined ? undefined : roles.get(token);
  const endsOperand = (token: Token | undefined): boolean => {
    if (token === undefined) return false;
    if (token.kind === 'number' || token.kind === 'close') return true;
    const role = roleOf(token);
    return role === 'variable' || role === 'constant';
  };
  const startsOperand = (token: Token): boolean => {
    if (token.kind === 'number' || token.kind === 'open') return true;
    const role = roleOf(token);
    return role === 'variable' || role === 'constant' || role === 'function' || role === 'not';
  };

  // One counter of unanswered '?' per parenthesis level: a ':' without one starts a mathjs range.
  const openQuestions: number[] = [0];
  const openParens: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    // In a prefix cut short by a bad character, the last token's successor is unknown.
    const nextKnown = complete || next !== undefined;
    if (token.kind === 'name') {
      const role = nameRole(text, token, prev, next, variables, endsOperand(prev));
      roles.set(token, role);
      if (role === 'function' && nextKnown && next?.kind !== 'open') {
        throw new ExpressionError(
          text,
          `'${token.text}' is a function: call it as ${token.text}(...)`,
          token.pos,
        );
      }
      if ((role === 'variable' || role === 'constant') && next?.kind === 'open') {
        throw new ExpressionError(
          text,
          `'${token.text}' is a ${role}, not a function (for a product write '${token.text} * (...)')`,
          token.pos,
        );
      }
    }
    if (endsOperand(prev) && startsOperand(token)) {
      const before = (prev as Token).text;
      const simple = (prev as Token).kind !== 'close' && token.kind !== 'open';
      throw new ExpressionError(
        text,
        `missing operator between '${before}' and '${token.text}' (implicit multiplication is ` +
          `not allowed: write ${simple ? `'${before} * ${token.text}'` : "'*'"})`,
        token.pos,
      );
    }
    if (token.kind === 'open') {
      openParens.push(token.pos);
      openQuestions.push(0);
      if (openParens.length > EXPRESSION_MAX_NESTING) {
        throw new ExpressionError(
          text,
          `parentheses nested deeper than ${EXPRESSION_MAX_NESTING} levels`,
          token.pos,
        );
      }
    } else if (token.kind === 'close') {
      if (openParens.length === 0) throw new ExpressionError(text, "unmatched ')'", token.pos);
      openParens.pop();
      openQuestions.pop();
    } else if (token.text === '?') {
      openQuestions[openQuestions.length - 1] = (openQuestions.at(-1) ?? 0) + 1;
    } else if (token.text === ':') {
      const pending = openQuestions.at(-1) ?? 0;
      if (pending === 0) {
        throw new ExpressionError(
          text,
          "ranges (a:b) are not allowed; ':' only follows '?' in 'condition ? a : b'",
          token.pos,
        );
      }
      openQuestions[openQuestions.length - 1] = pending - 1;
    }
  }
  const unclosed = openParens.at(-1);
  if (complete && unclosed !== undefined) {
    throw new ExpressionError(text, "unmatched '('", unclosed);
  }
  return roles;
}

function nameRole(
  text: string,
  token: Token,
  prev: Token | undefined,
  next: Token | undefined,
  variables: ReadonlyMap<string, number>,
  afterOperand: boolean,
): NameRole {
  const name = token.text;
  if (variables.has(name)) return 'variable';
  if (CONSTANT_VALUES.has(name)) return 'constant';
  if (FUNCTIONS.has(name)) return 'function';
  if (BINARY_KEYWORDS.has(name)) return 'binary';
  if (name === 'not') return 'not';

  const hint = NAME_HINTS.get(name);
  if (hint !== undefined) throw new ExpressionError(text, hint, token.pos);
  const isCall = next?.kind === 'open';
  if (FORBIDDEN_NAMES.has(name)) {
    throw new ExpressionError(
      text,
      `'${name}' is not available in trigger expressions; allowed ` +
        (isCall
          ? `functions: ${EXPRESSION_FUNCTIONS.join(', ')}`
          : `names: ${allowedNames(variables)}`),
      token.pos,
    );
  }
  // Where an operator belongs ("500 an x"), propose an operator; where an operand belongs, a
  // variable, constant or function.
  const candidates = afterOperand
    ? [...BINARY_KEYWORDS]
    : isCall
      ? [...FUNCTIONS.keys()]
      : [...variables.keys(), ...CONSTANT_VALUES.keys(), ...FUNCTIONS.keys(), 'not'];
  const suggestion = closestName(name, candidates);
  const kind = isCall ? 'function' : 'name';
  if (suggestion !== null) {
    throw new ExpressionError(text, `unknown ${kind} '${name}'`, token.pos, suggestion);
  }
  if (prev?.kind === 'number') {
    throw new ExpressionError(
      text,
      `unknown name '${name}' after a number: units are not supported, values are plain SI ` +
        'numbers (write 0.05 for 5 cm)',
      token.pos,
    );
  }
  const allowed = isCall ? EXPRESSION_FUNCTIONS.join(', ') : allowedNames(variables);
  throw new ExpressionError(
    text,
    `unknown ${kind} '${name}'; allowed ${kind === 'function' ? 'functions' : 'names'}: ${allowed}`,
    token.pos,
  );
}

function allowedNames(variables: ReadonlyMap<string, number>): string {
  return [...variables.keys(), ...CONSTANT_VALUES.keys()].join(', ');
}

// ---------------------------------------------------------------------------------------------
// Layer 2: mathjs parser, from a minimal instance

// Only the parser and the node classes it builds. `number: 'number'` makes every literal a plain
// double whatever mathjs's defaults become.
// (mathjs types every dependency collection as possibly undefined; this one always exists.)
if (parseDependencies === undefined) throw new Error('mathjs does not export parseDependencies');
const parser = create({ parseDependencies }, { number: 'number' });

function parseWithMathjs(text: string): MathNode {
  try {
    return parser.parse(text);
  } catch (error) {
    if (error instanceof RangeError) {
      // Stack overflow on a small stack despite the nesting bound.
      throw new ExpressionError(text, 'expression is nested too deeply', null, null, {
        cause: error,
      });
    }
    const char = (error as { char?: unknown } | null)?.char;
    const raw = error instanceof Error ? error.message : String(error);
    // mathjs appends " (char N)", N counted from 1; we report the position our own way.
    const stripped = raw.replace(/\s*\(char \d+\)\s*$/, '');
    const reason = stripped.charAt(0).toLowerCase() + stripped.slice(1);
    const position =
      typeof char === 'number' && Number.isFinite(char)
        ? Math.min(Math.max(char - 1, 0), text.length)
        : null;
    throw new ExpressionError(text, reason, position, null, { cause: error });
  }
}

// ---------------------------------------------------------------------------------------------
// Layer 3: whitelist compiler to closures
//
// The shape of the closures is chosen for V8, and was measured (Node 20, 12 different triggers
// evaluated in turn, as a scenario does):
// - A call is inlined only while its call site has seen closures of at most four function
//   literals. A call that is not inlined boxes every non-integer number it returns on the heap:
//   the naive tree (closures returning numbers) made megabytes of garbage per million evaluations.
// - So truth values, small integers that are never boxed, are returned by "tests"; numbers are
//   written by "steps" into a slot of a Float64Array (`mem`) owned by the compiled expression,
//   and never returned. Nothing is allocated per evaluation, inlined or not.
// - Variables and constants are not closures at all: a parent reads them through an `operand`
//   integer, `>= 0` for a slot of `mem` (constants are preloaded there), `< 0` for
//   `vars[~operand]`. `rangeM < 500` is one closure.
// - Each operation is its own small closure literal. One literal per node kind, switching on an
//   operation code, keeps fewer literals per call site but is too large to inline, and measured
//   two to five times slower.

/** Computes a number into its slot of `mem`. */
type Step = (vars: Float64Array) => void;
/** Computes a truth value, returned as 1 or 0. */
type Test = (vars: Float64Array) => number;

/** A compiled subtree. */
type Emitted = NumberValue | TruthValue;

/** A subtree whose value sits in `mem` or `vars` once `step` (if any) has run. */
interface NumberValue {
  readonly kind: 'number';
  /** `>= 0`: slot of `mem`; `< 0`: the variable `vars[~operand]`. */
  readonly operand: number;
  /** Computes the value into its slot; `null` for variables and constants. */
  readonly step: Step | null;
  /** The value is known now, and sits in `mem[operand]`. */
  readonly isConstant: boolean;
  /** The value is 1 or 0 (true, false, or a converted truth value). */
  readonly isBoolean: boolean;
}

/** A subtree that computes a truth value; never constant (constants fold to NumberValue). */
interface TruthValue {
  readonly kind: 'truth';
  readonly test: Test;
  readonly isConstant: false;
  readonly isBoolean: true;
}

const NO_VARS = new Float64Array(0);

// Operation codes. Plain numbers: `const enum` does not survive isolated-module compilation.
const OP_ADD = 0;
const OP_SUBTRACT = 1;
const OP_MULTIPLY = 2;
const OP_DIVIDE = 3;
const OP_POW = 4;
const OP_MOD = 5;
const OP_ATAN2 = 6;
const OP_LOG_BASE = 7;
const OP_MIN = 8;
const OP_MAX = 9;
const OP_HYPOT = 10;

const OP_SMALLER = 20;
const OP_SMALLER_EQ = 21;
const OP_LARGER = 22;
const OP_LARGER_EQ = 23;
const OP_EQUAL = 24;
const OP_UNEQUAL = 25;
/** The truth of one number: neither 0 nor NaN (JavaScript truthiness, and mathjs's). */
const OP_TRUTHY = 26;

const OP_AND = 30;
const OP_OR = 31;
const OP_XOR = 32;
const OP_NOT = 33;

const OP_NEGATE = 40;
const OP_ABS = 41;
const OP_SQRT = 42;
const OP_SIN = 43;
const OP_COS = 44;
const OP_TAN = 45;
const OP_ASIN = 46;
const OP_ACOS = 47;
const OP_ATAN = 48;
const OP_EXP = 49;
const OP_LOG = 50;
const OP_FLOOR = 51;
const OP_CEIL = 52;
const OP_ROUND = 53;
const OP_SIGN = 54;

const ARITHMETIC: ReadonlyMap<string, number> = new Map([
  ['add', OP_ADD],
  ['subtract', OP_SUBTRACT],
  ['multiply', OP_MULTIPLY],
  ['divide', OP_DIVIDE],
  ['pow', OP_POW],
  ['mod', OP_MOD],
]);

const COMPARISONS: ReadonlyMap<string, number> = new Map([
  ['smaller', OP_SMALLER],
  ['smallerEq', OP_SMALLER_EQ],
  ['larger', OP_LARGER],
  ['largerEq', OP_LARGER_EQ],
  ['equal', OP_EQUAL],
  ['unequal', OP_UNEQUAL],
]);

const COMPARISON_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['smaller', '<'],
  ['smallerEq', '<='],
  ['larger', '>'],
  ['largerEq', '>='],
  ['equal', '=='],
  ['unequal', '!='],
]);

const LOGIC: ReadonlyMap<string, number> = new Map([
  ['and', OP_AND],
  ['or', OP_OR],
  ['xor', OP_XOR],
]);

const UNARY_FUNCTIONS: ReadonlyMap<string, number> = new Map([
  ['abs', OP_ABS],
  ['sqrt', OP_SQRT],
  ['sin', OP_SIN],
  ['cos', OP_COS],
  ['tan', OP_TAN],
  ['asin', OP_ASIN],
  ['acos', OP_ACOS],
  ['atan', OP_ATAN],
  ['exp', OP_EXP],
  ['log', OP_LOG],
  ['floor', OP_FLOOR],
  ['ceil', OP_CEIL],
  ['round', OP_ROUND],
  ['sign', OP_SIGN],
]);

/**
 * Stores sqrt(x^2 + y^2), computed without overflow, in `mem[slot]`. `Math.hypot` would do, but
 * V8 allocates an array on every call to it; and storing rather than returning keeps the result
 * unboxed when this is not inlined. Infinity wins over NaN, as in `Math.hypot` [4].
 */
function hypot2Into(mem: Float64Array, slot: number, x: number, y: number): void {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const large = ax > ay ? ax : ay;
  const r = (ax > ay ? ay : ax) / large;
  if (ax === Infinity || ay === Infinity) mem[slot] = Infinity;
  else if (ax !== ax || ay !== ay) mem[slot] = NaN;
  else mem[slot] = large === 0 ? 0 : large * Math.sqrt(1 + r * r);
}

function read(mem: Float64Array, vars: Float64Array, operand: number): number {
  return operand >= 0 ? mem[operand]! : vars[~operand]!;
}

/** What the compiler needs while walking one tree. */
interface CompileContext {
  readonly text: string;
  readonly variables: ReadonlyMap<string, number>;
  readonly used: Set<number>;
  /** The `name(` tokens in source order, matched to FunctionNodes visited in pre-order. */
  readonly calls: readonly Token[];
  callIndex: number;
  /** Value slots: at most two per node, and there are no more nodes than tokens. */
  readonly mem: Float64Array;
  slotCount: number;
}

function allocateSlot(ctx: CompileContext): number {
  if (ctx.slotCount >= ctx.mem.length) throw new Error('expression compiler: out of slots');
  return ctx.slotCount++;
}

function constant(ctx: CompileContext, value: number, isBoolean: boolean): NumberValue {
  const slot = allocateSlot(ctx);
  ctx.mem[slot] = value;
  return { kind: 'number', operand: slot, step: null, isConstant: true, isBoolean };
}

/** The value of a constant subtree. */
function constantValue(ctx: CompileContext, e: NumberValue): number {
  return ctx.mem[e.operand]!;
}

/** The subtree as a number in a slot; a truth value gets a step that stores it. */
function asNumber(ctx: CompileContext, e: Emitted): NumberValue {
  if (e.kind === 'number') return e;
  const mem = ctx.mem;
  const slot = allocateSlot(ctx);
  const test = e.test;
  const step: Step = (v) => {
    mem[slot] = test(v);
  };
  return { kind: 'number', operand: slot, step, isConstant: false, isBoolean: true };
}

/** The subtree as a test; a number gets the truthiness test. */
function asTest(e: Emitted, ctx: CompileContext): Test {
  if (e.kind === 'truth') return e.test;
  return compareTest(ctx.mem, OP_TRUTHY, e, e);
}

/**
 * Comparison of two numbers, or the truth of one (`OP_TRUTHY`, which ignores `b`). One small
 * closure literal per operation, so that V8 can inline each where its call site allows.
 */
function compareTest(mem: Float64Array, op: number, a: NumberValue, b: NumberValue): Test {
  const sa = a.step;
  const sb = b === a ? null : b.step;
  const oa = a.operand;
  const ob = b.operand;
  switch (op) {
    case OP_SMALLER:
      return (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        return read(mem, v, oa) < read(mem, v, ob) ? 1 : 0;
      };
    case OP_SMALLER_EQ:
      return (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        return read(mem, v, oa) <= read(mem, v, ob) ? 1 : 0;
      };
    case OP_LARGER:
      return (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        return read(mem, v, oa) > read(mem, v, ob) ? 1 : 0;
      };
    case OP_LARGER_EQ:
      return (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        return read(mem, v, oa) >= read(mem, v, ob) ? 1 : 0;
      };
    case OP_EQUAL:
      return (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        return read(mem, v, oa) === read(mem, v, ob) ? 1 : 0;
      };
    case OP_UNEQUAL:
      return (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        return read(mem, v, oa) !== read(mem, v, ob) ? 1 : 0;
      };
    default:
      return (v) => {
        if (sa !== null) sa(v);
        return read(mem, v, oa) ? 1 : 0;
      };
  }
}

/** A test, folded to a constant when all its inputs are constant. */
function truth(ctx: CompileContext, test: Test, inputs: readonly Emitted[]): Emitted {
  if (inputs.every((input) => input.isConstant)) return constant(ctx, test(NO_VARS), true);
  return { kind: 'truth', test, isConstant: false, isBoolean: true };
}

/** A step's result, folded to a constant when all its inputs are constant. */
function number(
  ctx: CompileContext,
  slot: number,
  step: Step,
  inputs: readonly Emitted[],
  isBoolean: boolean,
): NumberValue {
  if (inputs.every((input) => input.isConstant)) {
    step(NO_VARS); // reads no variable: leaves the value in its slot
    return { kind: 'number', operand: slot, step: null, isConstant: true, isBoolean };
  }
  return { kind: 'number', operand: slot, step, isConstant: false, isBoolean };
}

function emitCompare(ctx: CompileContext, op: number, a: Emitted, b: Emitted): Emitted {
  const na = asNumber(ctx, a);
  const nb = asNumber(ctx, b);
  return truth(ctx, compareTest(ctx.mem, op, na, nb), [na, nb]);
}

/** `and`, `or` (both stop once the left side decides), `xor`, and `not` (which ignores `b`). */
function emitLogic(ctx: CompileContext, op: number, a: Emitted, b: Emitted): Emitted {
  const ta = asTest(a, ctx);
  const tb = asTest(b, ctx);
  let test: Test;
  switch (op) {
    case OP_AND:
      test = (v) => (ta(v) && tb(v) ? 1 : 0);
      break;
    case OP_OR:
      test = (v) => (ta(v) || tb(v) ? 1 : 0);
      break;
    case OP_XOR:
      test = (v) => (ta(v) !== tb(v) ? 1 : 0);
      break;
    default:
      test = (v) => (ta(v) ? 0 : 1);
  }
  return truth(ctx, test, [a, b]);
}

/** Arithmetic on two numbers, and the two-argument functions. */
function emitBinary(ctx: CompileContext, op: number, a: Emitted, b: Emitted): NumberValue {
  const mem = ctx.mem;
  const na = asNumber(ctx, a);
  const nb = asNumber(ctx, b);
  const slot = allocateSlot(ctx);
  const sa = na.step;
  const sb = nb.step;
  const oa = na.operand;
  const ob = nb.operand;
  // One small literal per operation (see the top of this layer).
  let step: Step;
  if (op === OP_POW && nb.isConstant && constantValue(ctx, nb) === 2) {
    // `rM^2` is common in triggers; x * x is what Math.pow(x, 2) returns (fdlibm's e_pow.c has
    // this very shortcut) at a fraction of the cost.
    step = (v) => {
      if (sa !== null) sa(v);
      const x = read(mem, v, oa);
      mem[slot] = x * x;
    };
    return number(ctx, slot, step, [na, nb], false);
  }
  switch (op) {
    case OP_ADD:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        const x = read(mem, v, oa);
        const y = read(mem, v, ob);
        mem[slot] = x + y;
      };
      break;
    case OP_SUBTRACT:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        const x = read(mem, v, oa);
        const y = read(mem, v, ob);
        mem[slot] = x - y;
      };
      break;
    case OP_MULTIPLY:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        const x = read(mem, v, oa);
        const y = read(mem, v, ob);
        mem[slot] = x * y;
      };
      break;
    case OP_DIVIDE:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        const x = read(mem, v, oa);
        const y = read(mem, v, ob);
        mem[slot] = x / y;
      };
      break;
    case OP_POW:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        const x = read(mem, v, oa);
        const y = read(mem, v, ob);
        mem[slot] = Math.pow(x, y);
      };
      break;
    case OP_MOD:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        const x = read(mem, v, oa);
        const y = read(mem, v, ob);
        mem[slot] = y === 0 ? x : x - y * Math.floor(x / y);
      };
      break;
    case OP_ATAN2:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        const x = read(mem, v, oa);
        const y = read(mem, v, ob);
        mem[slot] = Math.atan2(x, y);
      };
      break;
    case OP_LOG_BASE:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        const x = read(mem, v, oa);
        const y = read(mem, v, ob);
        mem[slot] = Math.log(x) / Math.log(y);
      };
      break;
    case OP_MIN:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        const x = read(mem, v, oa);
        const y = read(mem, v, ob);
        mem[slot] = Math.min(x, y);
      };
      break;
    case OP_MAX:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        const x = read(mem, v, oa);
        const y = read(mem, v, ob);
        mem[slot] = Math.max(x, y);
      };
      break;
    default:
      step = (v) => {
        if (sa !== null) sa(v);
        if (sb !== null) sb(v);
        hypot2Into(mem, slot, read(mem, v, oa), read(mem, v, ob));
      };
  }
  return number(ctx, slot, step, [na, nb], false);
}

/** Unary minus and the one-argument functions. */
function emitUnary(ctx: CompileContext, op: number, a: Emitted): NumberValue {
  const mem = ctx.mem;
  const na = asNumber(ctx, a);
  const slot = allocateSlot(ctx);
  const sa = na.step;
  const oa = na.operand;
  let step: Step;
  switch (op) {
    case OP_NEGATE:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = -x;
      };
      break;
    case OP_ABS:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.abs(x);
      };
      break;
    case OP_SQRT:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.sqrt(x);
      };
      break;
    case OP_SIN:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.sin(x);
      };
      break;
    case OP_COS:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.cos(x);
      };
      break;
    case OP_TAN:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.tan(x);
      };
      break;
    case OP_ASIN:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.asin(x);
      };
      break;
    case OP_ACOS:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.acos(x);
      };
      break;
    case OP_ATAN:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.atan(x);
      };
      break;
    case OP_EXP:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.exp(x);
      };
      break;
    case OP_LOG:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.log(x);
      };
      break;
    case OP_FLOOR:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.floor(x);
      };
      break;
    case OP_CEIL:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        mem[slot] = Math.ceil(x);
      };
      break;
    case OP_ROUND:
      step = (v) => {
        if (sa !== null) sa(v);
        const x = read(mem, v, oa);
        // Halves away from zero, as mathjs rounds (Math.round(-2.5) is -2).
        mem[slot] = x < 0 ? -Math.round(-x) : Math.round(x);
      };
      break;
    default:
      step = (v) => {
        if (sa !== null) sa(v);
        mem[slot] = Math.sign(read(mem, v, oa));
      };
  }
  return number(ctx, slot, step, [na], false);
}

function emitConditional(ctx: CompileContext, c: Emitted, t: Emitted, f: Emitted): Emitted {
  if (c.kind === 'number' && c.isConstant) {
    // A constant condition keeps only its branch; the other is dead code.
    const chosen = constantValue(ctx, c) ? t : f;
    if (t.isBoolean && f.isBoolean) return chosen;
    return chosen.kind === 'number' ? { ...chosen, isBoolean: false } : asNumber(ctx, chosen);
  }
  const tc = asTest(c, ctx);
  if (t.isBoolean && f.isBoolean) {
    const tt = asTest(t, ctx);
    const tf = asTest(f, ctx);
    return truth(ctx, (v) => (tc(v) ? tt(v) : tf(v)), [c, t, f]);
  }
  const mem = ctx.mem;
  const nt = asNumber(ctx, t);
  const nf = asNumber(ctx, f);
  const slot = allocateSlot(ctx);
  const st = nt.step;
  const sf = nf.step;
  const ot = nt.operand;
  const of = nf.operand;
  const step: Step = (v) => {
    if (tc(v)) {
      if (st !== null) st(v);
      mem[slot] = read(mem, v, ot);
    } else {
      if (sf !== null) sf(v);
      mem[slot] = read(mem, v, of);
    }
  };
  return number(ctx, slot, step, [c, nt, nf], false);
}

/** `a < b <= c ...`: mathjs evaluates each operand once and stops at the first false link. */
function emitChain(
  ctx: CompileContext,
  links: readonly number[],
  args: readonly Emitted[],
): Emitted {
  const mem = ctx.mem;
  const values = args.map((arg) => asNumber(ctx, arg));
  const steps = values.map((value) => value.step);
  const operands = Int32Array.from(values, (value) => value.operand);
  const ops = Int32Array.from(links);
  const count = values.length;
  const test: Test = (v) => {
    let left = 0;
    for (let k = 0; k < count; k++) {
      const step = steps[k];
      if (step != null) step(v);
      const right = read(mem, v, operands[k]!);
      if (k > 0) {
        let holds: boolean;
        switch (ops[k - 1]) {
          case OP_SMALLER:
            holds = left < right;
            break;
          case OP_SMALLER_EQ:
            holds = left <= right;
            break;
          case OP_LARGER:
            holds = left > right;
            break;
          case OP_LARGER_EQ:
            holds = left >= right;
            break;
          case OP_EQUAL:
            holds = left === right;
            break;
          default:
            holds = left !== right;
        }
        if (!holds) return 0;
      }
      left = right;
    }
    return 1;
  };
  return truth(ctx, test, values);
}

/** min, max and hypot of three or more arguments. */
function emitVariadic(ctx: CompileContext, op: number, args: readonly Emitted[]): NumberValue {
  const mem = ctx.mem;
  const values = args.map((arg) => asNumber(ctx, arg));
  const steps = values.map((value) => value.step);
  const operands = Int32Array.from(values, (value) => value.operand);
  const count = values.length;
  const slot = allocateSlot(ctx);
  const step: Step = (v) => {
    for (let k = 0; k < count; k++) {
      const s = steps[k];
      if (s != null) s(v);
    }
    if (op !== OP_HYPOT) {
      let m = read(mem, v, operands[0]!);
      for (let k = 1; k < count; k++) {
        const x = read(mem, v, operands[k]!);
        m = op === OP_MIN ? Math.min(m, x) : Math.max(m, x);
      }
      mem[slot] = m;
      return;
    }
    // Scale by the largest magnitude so that no square overflows; Infinity wins over NaN.
    let largest = 0;
    let sawNaN = false;
    for (let k = 0; k < count; k++) {
      const x = Math.abs(read(mem, v, operands[k]!));
      if (x === Infinity) {
        mem[slot] = Infinity;
        return;
      }
      if (x !== x) sawNaN = true;
      else if (x > largest) largest = x;
    }
    if (sawNaN || largest === 0) {
      mem[slot] = sawNaN ? NaN : 0;
      return;
    }
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const r = read(mem, v, operands[k]!) / largest;
      sum += r * r;
    }
    mem[slot] = largest * Math.sqrt(sum);
  };
  return number(ctx, slot, step, values, false);
}

/** 0-based position of `name` as a whole word in the text, or `null`. */
function findWord(text: string, name: string): number | null {
  let from = 0;
  for (;;) {
    const at = text.indexOf(name, from);
    if (at < 0) return null;
    if (!isNamePart(text[at - 1]) && !isNamePart(text[at + name.length])) return at;
    from = at + 1;
  }
}

function reject(ctx: CompileContext, reason: string, position: number | null): never {
  throw new ExpressionError(ctx.text, reason, position);
}

/** mathjs node types that the language never contains, with the reason given to the author. */
const NODE_REASONS: ReadonlyMap<string, string> = new Map([
  ['AccessorNode', 'property access and indexing are not allowed'],
  ['IndexNode', 'property access and indexing are not allowed'],
  ['ArrayNode', 'arrays and matrices are not allowed'],
  ['ObjectNode', 'objects are not allowed'],
  ['AssignmentNode', 'assignment is not allowed'],
  ['FunctionAssignmentNode', 'function definitions are not allowed'],
  ['BlockNode', 'multiple statements are not allowed'],
  ['RangeNode', 'ranges are not allowed'],
]);

function emitNode(node: MathNode, ctx: CompileContext): Emitted {
  switch (node.type) {
    case 'ConstantNode': {
      const value: unknown = (node as ConstantNode<string | number | boolean | null | undefined>)
        .value;
      if (typeof value === 'number') return constant(ctx, value, false);
      if (typeof value === 'boolean') return constant(ctx, value ? 1 : 0, true);
      return reject(
        ctx,
        typeof value === 'string'
          ? 'strings are not allowed'
          : 'only numbers and truth values are allowed',
        null,
      );
    }
    case 'SymbolNode': {
      const name = (node as SymbolNode).name;
      const index = ctx.variables.get(name);
      if (index !== undefined) {
        ctx.used.add(index);
        return { kind: 'number', operand: ~index, step: null, isConstant: false, isBoolean: false };
      }
      const value = CONSTANT_VALUES.get(name);
      if (value !== undefined) return constant(ctx, value, name === 'true' || name === 'false');
      return reject(ctx, `unknown name '${name}'`, findWord(ctx.text, name));
    }
    case 'ParenthesisNode':
      return emitNode((node as ParenthesisNode).content, ctx);
    case 'ConditionalNode': {
      const { condition, trueExpr, falseExpr } = node as ConditionalNode;
      const c = emitNode(condition, ctx);
      const t = emitNode(trueExpr, ctx);
      const f = emitNode(falseExpr, ctx);
      return emitConditional(ctx, c, t, f);
    }
    case 'OperatorNode':
      return emitOperator(node as OperatorNode<OperatorNodeOp, OperatorNodeFn>, ctx);
    case 'RelationalNode': {
      const { conditionals, params } = node as RelationalNode;
      const links = conditionals.map((fn) => {
        const op = COMPARISONS.get(fn);
        return op ?? reject(ctx, `comparison '${fn}' is not allowed`, null);
      });
      rejectBareNot(
        ctx,
        params[0] as MathNode,
        COMPARISON_SYMBOLS.get(conditionals[0] ?? '') ?? '<',
      );
      const args = params.map((param) => emitNode(param, ctx));
      return emitChain(ctx, links, args);
    }
    case 'FunctionNode':
      return emitFunction(node as FunctionNode<MathNode>, ctx);
    default:
      return reject(ctx, NODE_REASONS.get(node.type) ?? `unsupported syntax (${node.type})`, null);
  }
}

/**
 * mathjs gives `not` the precedence of unary minus, so `not rangeM < 500` is
 * `(not rangeM) < 500`, which is always true. Nobody means that: ask for parentheses.
 */
function rejectBareNot(ctx: CompileContext, left: MathNode, operator: string): void {
  if (left.type !== 'OperatorNode') return;
  if ((left as OperatorNode<OperatorNodeOp, OperatorNodeFn>).fn !== 'not') return;
  reject(
    ctx,
    `'not' binds tighter than '${operator}': 'not a ${operator} b' means '(not a) ${operator} b'; ` +
      `write 'not (a ${operator} b)', or '(not a) ${operator} b' if that is meant`,
    findWord(ctx.text, 'not'),
  );
}

function emitOperator(
  node: OperatorNode<OperatorNodeOp, OperatorNodeFn>,
  ctx: CompileContext,
): Emitted {
  const fn: string = node.fn;
  const args = node.args;
  if (node.implicit) {
    return reject(ctx, "implicit multiplication is not allowed: write '*'", null);
  }
  if ((node as { isPercentage?: boolean }).isPercentage === true) {
    return reject(ctx, "'%' is not allowed", ctx.text.indexOf('%'));
  }
  if (args.length === 1) {
    const a = emitNode(args[0] as MathNode, ctx);
    if (fn === 'unaryMinus') return emitUnary(ctx, OP_NEGATE, a);
    // Already a number; a truth value stays 1 or 0 but is no longer typed as one.
    if (fn === 'unaryPlus') return { ...asNumber(ctx, a), isBoolean: false };
    if (fn === 'not') return emitLogic(ctx, OP_NOT, a, a);
  } else if (args.length === 2) {
    if (COMPARISONS.has(fn) || ARITHMETIC.has(fn)) rejectBareNot(ctx, args[0] as MathNode, node.op);
    const a = emitNode(args[0] as MathNode, ctx);
    const b = emitNode(args[1] as MathNode, ctx);
    const comparison = COMPARISONS.get(fn);
    if (comparison !== undefined) return emitCompare(ctx, comparison, a, b);
    const arithmetic = ARITHMETIC.get(fn);
    if (arithmetic !== undefined) return emitBinary(ctx, arithmetic, a, b);
    const logic = LOGIC.get(fn);
    if (logic !== undefined) return emitLogic(ctx, logic, a, b);
  }
  const at = ctx.text.indexOf(node.op);
  return reject(ctx, `operator '${node.op}' is not allowed`, at >= 0 ? at : null);
}

function emitFunction(node: FunctionNode<MathNode>, ctx: CompileContext): Emitted {
  // FunctionNodes come in pre-order, which is the source order of their `name(` tokens.
  const token = ctx.calls[ctx.callIndex++];
  const callee = node.fn;
  if (callee.type !== 'SymbolNode') {
    return reject(ctx, 'only the listed functions may be called', token?.pos ?? null);
  }
  const name = (callee as SymbolNode).name;
  const position = token?.text === name ? token.pos : findWord(ctx.text, name);
  const spec = FUNCTIONS.get(name);
  if (spec === undefined) {
    return reject(
      ctx,
      `'${name}' is not a function; allowed functions: ${EXPRESSION_FUNCTIONS.join(', ')}`,
      position,
    );
  }
  const count = node.args.length;
  if (count < spec.minArgs || count > spec.maxArgs) {
    const expected =
      spec.maxArgs === Infinity
        ? `at least ${spec.minArgs}`
        : spec.minArgs === spec.maxArgs
          ? `${spec.minArgs}`
          : `${spec.minArgs} to ${spec.maxArgs}`;
    const plural = expected === '1' || expected === 'at least 1' ? '' : 's';
    return reject(
      ctx,
      `${name} takes ${expected} argument${plural}, got ${count}: ${spec.signature}`,
      position,
    );
  }
  const args = node.args.map((arg) => emitNode(arg, ctx));
  const [a, b] = args as [Emitted, Emitted | undefined];
  switch (name) {
    case 'atan2':
      return emitBinary(ctx, OP_ATAN2, a, b as Emitted);
    case 'log':
      return b === undefined ? emitUnary(ctx, OP_LOG, a) : emitBinary(ctx, OP_LOG_BASE, a, b);
    case 'min':
    case 'max':
    case 'hypot': {
      const op = name === 'min' ? OP_MIN : name === 'max' ? OP_MAX : OP_HYPOT;
      if (count === 1) {
        // min(x) is x; hypot(x) is |x|.
        return op === OP_HYPOT
          ? emitUnary(ctx, OP_ABS, a)
          : { ...asNumber(ctx, a), isBoolean: false };
      }
      if (count === 2) return emitBinary(ctx, op, a, b as Emitted);
      return emitVariadic(ctx, op, args);
    }
    default: {
      const op = UNARY_FUNCTIONS.get(name);
      if (op === undefined) throw new Error(`expression compiler: no implementation of '${name}'`);
      return emitUnary(ctx, op, a);
    }
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkNames(names: readonly string[]): Map<string, number> {
  const variables = new Map<string, number>();
  names.forEach((name, index) => {
    if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
      throw new RangeError(`expression variable ${JSON.stringify(name)} is not an identifier`);
    }
    if (RESERVED_WORDS.has(name)) {
      throw new RangeError(`expression variable '${name}' is a reserved word of the language`);
    }
    if (variables.has(name)) throw new RangeError(`expression variable '${name}' appears twice`);
    variables.set(name, index);
  });
  return variables;
}

function compileChecked(
  text: string,
  names: readonly string[],
): { root: Emitted; mem: Float64Array; usedNames: readonly string[] } {
  const variables = checkNames(names);
  if (typeof text !== 'string') {
    throw new ExpressionError('', `an expression must be a string, got ${typeof text}`, null);
  }
  if (text.length > EXPRESSION_MAX_LENGTH) {
    throw new ExpressionError(
      text,
      `expression is longer than ${EXPRESSION_MAX_LENGTH} characters`,
      EXPRESSION_MAX_LENGTH,
    );
  }
  try {
    const { tokens, error } = tokenize(text);
    if (tokens.length === 0 && error === null) {
      throw new ExpressionError(text, 'expression is empty', null);
    }
    const roles = checkTokens(text, tokens, variables, error === null);
    if (error !== null) throw error;
    const calls = tokens.filter((token) => roles.get(token) === 'function');
    const tree = parseWithMathjs(text);
    const ctx: CompileContext = {
      text,
      variables,
      used: new Set(),
      calls,
      callIndex: 0,
      mem: new Float64Array(2 * tokens.length + 2),
      slotCount: 0,
    };
    const root = emitNode(tree, ctx);
    const usedNames = names.filter((_, index) => ctx.used.has(index));
    return { root, mem: ctx.mem, usedNames: Object.freeze(usedNames) };
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    // The contract is that a scenario author can only ever cause an ExpressionError.
    const detail = error instanceof Error ? error.message : String(error);
    throw new ExpressionError(text, `could not compile (${detail})`, null, null, { cause: error });
  }
}

registerConditionCompiler(compileCondition);
