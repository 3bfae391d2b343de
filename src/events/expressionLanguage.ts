/**
 * The vocabulary of the trigger-expression language, as plain data: its functions with their
 * arity and a one-line description, its named constants, its operators and its word operators.
 *
 * Kept apart from the compiler (expression.ts, which loads the mathjs parser) so that the plan
 * editor can offer completion and help for trigger conditions without carrying mathjs: this module
 * imports nothing. The compiler reads the same tables, so the editor never offers a name that the
 * loader refuses.
 *
 * References:
 * [1] mathjs, "Expression syntax", https://mathjs.org/docs/expressions/syntax.html (operators,
 *     precedence, function names).
 * [2] ECMAScript 2022 language specification, sec. 21.3 "The Math Object" (the functions the
 *     compiled closures call).
 */

/** How a function may be called and what it does, for documentation. */
export interface FunctionSpec {
  /** Fewest arguments accepted. */
  readonly minArgs: number;
  /** Most arguments accepted (`Infinity` for variadic functions). */
  readonly maxArgs: number;
  /** How a call is written, e.g. `atan2(y, x)`. */
  readonly signature: string;
  /** What the function returns, lower case, with the unit of angles. */
  readonly description: string;
}

/**
 * The functions a trigger expression may call, in the mathjs spelling [1], by name.
 * A Map, not an object literal: a lookup of `constructor` or `__proto__` must find nothing.
 */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['abs', { minArgs: 1, maxArgs: 1, signature: 'abs(x)', description: 'absolute value' }],
  [
    'min',
    {
      minArgs: 1,
      maxArgs: Infinity,
      signature: 'min(a, b, ...)',
      description: 'smallest argument',
    },
  ],
  [
    'max',
    { minArgs: 1, maxArgs: Infinity, signature: 'max(a, b, ...)', description: 'largest argument' },
  ],
  ['sqrt', { minArgs: 1, maxArgs: 1, signature: 'sqrt(x)', description: 'square root' }],
  ['sin', { minArgs: 1, maxArgs: 1, signature: 'sin(x)', description: 'sine, x in rad' }],
  ['cos', { minArgs: 1, maxArgs: 1, signature: 'cos(x)', description: 'cosine, x in rad' }],
  ['tan', { minArgs: 1, maxArgs: 1, signature: 'tan(x)', description: 'tangent, x in rad' }],
  ['asin', { minArgs: 1, maxArgs: 1, signature: 'asin(x)', description: 'arcsine, rad' }],
  ['acos', { minArgs: 1, maxArgs: 1, signature: 'acos(x)', description: 'arccosine, rad' }],
  ['atan', { minArgs: 1, maxArgs: 1, signature: 'atan(x)', description: 'arctangent, rad' }],
  [
    'atan2',
    {
      minArgs: 2,
      maxArgs: 2,
      signature: 'atan2(y, x)',
      description: 'angle of the point (x, y), rad, in [-pi, pi]',
    },
  ],
  ['exp', { minArgs: 1, maxArgs: 1, signature: 'exp(x)', description: 'e to the power x' }],
  [
    'log',
    {
      minArgs: 1,
      maxArgs: 2,
      signature: 'log(x) or log(x, base)',
      description: 'natural logarithm, or logarithm to the given base',
    },
  ],
  ['floor', { minArgs: 1, maxArgs: 1, signature: 'floor(x)', description: 'round down' }],
  ['ceil', { minArgs: 1, maxArgs: 1, signature: 'ceil(x)', description: 'round up' }],
  [
    'round',
    {
      minArgs: 1,
      maxArgs: 1,
      signature: 'round(x)',
      description: 'round to the nearest integer, halves away from zero',
    },
  ],
  ['sign', { minArgs: 1, maxArgs: 1, signature: 'sign(x)', description: '-1, 0 or 1' }],
  [
    'hypot',
    {
      minArgs: 1,
      maxArgs: Infinity,
      signature: 'hypot(a, b, ...)',
      description: 'square root of the sum of squares, without overflow',
    },
  ],
]);

/** Names of the functions a trigger expression may call, in the mathjs spelling. */
export const EXPRESSION_FUNCTIONS: readonly string[] = Object.freeze([...FUNCTIONS.keys()]);

/** Named constants a trigger expression may use besides the caller's variables. */
export const EXPRESSION_CONSTANTS: readonly string[] = Object.freeze([
  'pi',
  'true',
  'false',
  'Infinity',
  'NaN',
]);

/** Operators of the language, loosest-binding first, as mathjs groups them [1]. */
export const EXPRESSION_OPERATORS: readonly string[] = Object.freeze([
  '? :',
  'or',
  'xor',
  'and',
  '== != < <= > >=',
  '+ -',
  '* / mod',
  'unary - + not',
  '^',
]);

/** Operators spelled as words: `not` is unary, the others sit between two operands. */
export const EXPRESSION_WORD_OPERATORS: readonly string[] = Object.freeze([
  'and',
  'or',
  'xor',
  'not',
  'mod',
]);

/**
 * One line on each constant and word operator, for editor help. Read it only with names from
 * {@link EXPRESSION_CONSTANTS} and {@link EXPRESSION_WORD_OPERATORS}.
 */
export const EXPRESSION_WORD_DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  ['pi', 'the constant pi, 3.14159...'],
  ['true', 'truth value 1'],
  ['false', 'truth value 0'],
  ['Infinity', 'positive infinity'],
  ['NaN', 'not a number (a condition that is NaN is false)'],
  ['and', 'both hold'],
  ['or', 'either holds'],
  ['xor', 'exactly one holds'],
  ['not', 'negation: write not (a < b)'],
  ['mod', 'floored remainder: a mod b, sign of b'],
]);
