// Completion in the trigger-condition field: a table of texts with the cursor marked `|` and the
// names offered, a property test over any text and cursor, and checks that every name offered is
// one the loader accepts and that the module stays free of mathjs (the editor's lazy chunk).

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionCompletions } from '../../src/editing/conditionCompletion.ts';
import { compileCondition } from '../../src/events/expression.ts';
import { EXPRESSION_FUNCTIONS } from '../../src/events/expressionLanguage.ts';
import { TRIGGER_VARIABLES } from '../../src/scenario/derived.ts';

/** Completions for a text with the cursor marked `|`. */
function at(marked: string, explicit = false) {
  const cursor = marked.indexOf('|');
  const text = marked.slice(0, cursor) + marked.slice(cursor + 1);
  return conditionCompletions(text, cursor, { explicit });
}

const labels = (marked: string, explicit = false) =>
  at(marked, explicit)?.options.map((o) => o.label) ?? null;

const ALL_COUNT = TRIGGER_VARIABLES.length + EXPRESSION_FUNCTIONS.length + 5 + 5;

describe('conditionCompletions', () => {
  it.each([
    // A prefix at the end.
    ['ran|', ['rangeM', 'rangeRateMps']],
    ['range|', ['rangeM', 'rangeRateMps']],
    ['sun|', ['sunPhaseDeg']],
    ['v|', ['vrMps', 'viMps', 'vcMps']],
    // Variables first, then functions, constants, keywords; case-insensitive.
    ['r|', ['rangeM', 'rangeRateMps', 'rM', 'round']],
    ['a|', ['abs', 'asin', 'acos', 'atan', 'atan2', 'and']],
    ['rangem|', ['rangeM']],
    ['in|', ['Infinity']],
    ['N|', ['NaN', 'not']],
    ['_|', null],
    // After other tokens, and with the cursor inside the text.
    ['rangeM < 500 and sun|', ['sunPhaseDeg']],
    ['(ab|', ['abs']],
    ['hypot(rM, c|', ['cM', 'cos', 'ceil']],
    ['ran| < 5', ['rangeM', 'rangeRateMps']],
    ['rangeM < 500 o|r x', ['or']],
    // Nothing typed: after an operator, a space, a parenthesis, at the start.
    ['|', null],
    ['|rangeM', null],
    ['rangeM <|', null],
    ['rangeM < |', null],
    ['abs(|', null],
    ['rangeM, |', null],
    // Inside a number.
    ['1e3|', null],
    ['1e|', null],
    ['rangeM < 2.5e|', null],
    ['0x1F|', null],
    ['rangeM < 500|', null],
    ['5ran|', null],
    // No name starts with it.
    ['zz|', null],
    ['rangeMx|', null],
    // Typed in full, and the only match: the list closes.
    ['rangeM|', null],
    ['rangeRateMps|', null],
    ['sunPhaseDeg|', null],
    ['abs|', null],
    ['pi|', null],
    ['and|', null],
    // Typed in full but a longer name shares the prefix: the list stays.
    ['atan|', ['atan', 'atan2']],
  ] as const)('%j offers %j', (marked, expected) => {
    expect(labels(marked)).toEqual(expected);
  });

  it('replaces the prefix up to the cursor', () => {
    expect(at('rangeM < 500 and sun|')).toMatchObject({ from: 17, to: 20 });
    expect(at('ran| < 5')).toMatchObject({ from: 0, to: 3 });
  });

  it('inserts names as the language spells them, and an opening parenthesis after a function', () => {
    const ab = at('AB|')!;
    expect(ab.options).toEqual([
      { label: 'abs', detail: 'abs(x): absolute value', kind: 'function', apply: 'abs(' },
    ]);
    const rangem = at('rangem|')!.options[0]!;
    expect(rangem).toMatchObject({ label: 'rangeM', kind: 'variable', apply: 'rangeM' });
    expect(rangem.detail).toMatch(/range to the target, m/);
    expect(at('tr|')!.options[0]).toMatchObject({ label: 'true', kind: 'constant', apply: 'true' });
    expect(at('xo|')!.options[0]).toMatchObject({ label: 'xor', kind: 'keyword', apply: 'xor' });
  });

  it('an explicit request (Ctrl+Space) lists everything where nothing is typed', () => {
    for (const marked of ['|', 'rangeM < |', 'abs(|)', '|rangeM']) {
      const result = at(marked, true)!;
      const cursor = marked.indexOf('|');
      expect(result).toMatchObject({ from: cursor, to: cursor });
      expect(result.options.length).toBe(ALL_COUNT);
    }
    const kinds = at('|', true)!.options.map((o) => o.kind);
    const order = ['variable', 'function', 'constant', 'keyword'];
    expect([...new Set(kinds)]).toEqual(order);
    expect(kinds.map((k) => order.indexOf(k))).toEqual(
      kinds.map((k) => order.indexOf(k)).sort((a, b) => a - b),
    );
  });

  it('an explicit request filters by the prefix, keeps an exact match, and stays out of numbers', () => {
    expect(labels('ran|', true)).toEqual(['rangeM', 'rangeRateMps']);
    expect(labels('rangeM|', true)).toEqual(['rangeM']);
    expect(labels('rangeM < 500|', true)).toBeNull();
    expect(labels('zz|', true)).toBeNull();
  });

  it('clamps a cursor outside the text', () => {
    expect(conditionCompletions('ran', 99)).toMatchObject({ from: 0, to: 3 });
    expect(conditionCompletions('ran', -4)).toBeNull();
  });

  it('every name has a description', () => {
    for (const option of at('|', true)!.options) expect(option.detail).toMatch(/\S/);
  });

  it('every name offered is one the loader accepts', () => {
    for (const option of at('|', true)!.options) {
      const { label, kind } = option;
      const text =
        kind === 'variable' || kind === 'constant'
          ? `${label} == ${label}`
          : kind === 'function'
            ? `${option.apply}1${label === 'atan2' ? ', 1' : ''}) < 2`
            : label === 'not'
              ? 'not (1 < 2)'
              : label === 'mod'
                ? '5 mod 3 == 2'
                : `1 < 2 ${label} 2 < 3`;
      expect(() => compileCondition(text, TRIGGER_VARIABLES), text).not.toThrow();
    }
  });

  it('from <= to == cursor, and every option starts with the replaced text (property)', () => {
    const char = fc.constantFrom(...'rRaAnNgeMs_1290e.xX <>=()+-*/^,?:\t'.split(''));
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 24 }).map((chars) => chars.join('')),
        fc.nat(),
        fc.boolean(),
        (text, seed, explicit) => {
          const cursor = seed % (text.length + 1);
          const result = conditionCompletions(text, cursor, { explicit });
          if (result === null) return;
          expect(result.from).toBeLessThanOrEqual(result.to);
          expect(result.to).toBe(cursor);
          if (!explicit) expect(result.from).toBeLessThan(result.to);
          expect(result.options.length).toBeGreaterThan(0);
          const typed = text.slice(result.from, result.to).toLowerCase();
          for (const option of result.options) {
            expect(option.label.toLowerCase().startsWith(typed)).toBe(true);
          }
        },
      ),
    );
  });

  it('loads no mathjs: nothing it imports, directly or not, reaches the expression parser', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      const statements = source.matchAll(/^(?:import|export)( type\b)?[^'"]*?from '([^']+)'/gms);
      for (const [, typeOnly, spec] of statements) {
        // `import type` vanishes from the bundle.
        if (typeOnly !== undefined) continue;
        if (spec!.startsWith('.')) {
          visit(resolve(dirname(file), spec!));
        } else {
          expect(spec, `${file} imports ${spec}`).not.toMatch(/^mathjs/);
        }
      }
    };
    visit(resolve('src/editing/conditionCompletion.ts'));
    expect([...seen].some((f) => f.endsWith('expressionLanguage.ts'))).toBe(true);
    expect([...seen].some((f) => f.endsWith('/expression.ts'))).toBe(false);
  });
});
