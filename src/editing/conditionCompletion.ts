/**
 * Completion for trigger conditions (`when`), as a code editor offers it: the identifier being
 * typed, and the variables, functions, constants and word operators of the trigger language that
 * begin with it, each with a one-line description.
 *
 * Pure and small: it reads the language's vocabulary from expressionLanguage.ts and the variables
 * from derived.ts, neither of which loads the expression parser (mathjs), so the editor's lazy
 * chunk stays light. The names offered are exactly those the loader accepts.
 *
 * References:
 * [1] CodeMirror 6 reference, "@codemirror/autocomplete", https://codemirror.net/docs/ref/#autocomplete
 *     (`CompletionResult` with `from`, `to` and `options` of `label`, `detail`, `apply`; explicit
 *     completion on Ctrl+Space): the same shape, so the JSON view and this field behave alike.
 */

import {
  EXPRESSION_CONSTANTS,
  EXPRESSION_WORD_DESCRIPTIONS,
  EXPRESSION_WORD_OPERATORS,
  FUNCTIONS,
} from '../events/expressionLanguage.ts';
import { TRIGGER_VARIABLE_INFO, TRIGGER_VARIABLES } from '../scenario/derived.ts';

/** What a completion names. */
export type ConditionCompletionKind = 'variable' | 'function' | 'constant' | 'keyword';

/** One name offered for completion. */
export interface ConditionCompletionOption {
  /** The name, as the language spells it. */
  readonly label: string;
  /** What it is: a variable's meaning and unit, a function's signature and result, ... */
  readonly detail: string;
  readonly kind: ConditionCompletionKind;
  /** The text that replaces the typed prefix: the name, and `(` after a function. */
  readonly apply: string;
}

/** The names to offer and the text they replace. */
export interface ConditionCompletions {
  /** Start of the replaced text (the typed prefix), UTF-16 index into the condition. */
  readonly from: number;
  /** End of the replaced text: always the cursor. */
  readonly to: number;
  /** Never empty: variables first, then functions, constants and keywords. */
  readonly options: readonly ConditionCompletionOption[];
}

/** Options of {@link conditionCompletions}. */
export interface ConditionCompletionRequest {
  /** Asked for (Ctrl+Space): list every name even with nothing typed, and keep an exact match. */
  readonly explicit?: boolean;
}

/** Every name of the language, in the order they are offered. */
const ALL_OPTIONS: readonly ConditionCompletionOption[] = Object.freeze([
  ...TRIGGER_VARIABLES.map((name): ConditionCompletionOption => ({
    label: name,
    detail: TRIGGER_VARIABLE_INFO[name] ?? '',
    kind: 'variable',
    apply: name,
  })),
  ...[...FUNCTIONS].map(([name, spec]): ConditionCompletionOption => ({
    label: name,
    detail: `${spec.signature}: ${spec.description}`,
    kind: 'function',
    apply: `${name}(`,
  })),
  ...EXPRESSION_CONSTANTS.map((name): ConditionCompletionOption => ({
    label: name,
    detail: EXPRESSION_WORD_DESCRIPTIONS.get(name) ?? '',
    kind: 'constant',
    apply: name,
  })),
  ...EXPRESSION_WORD_OPERATORS.map((name): ConditionCompletionOption => ({
    label: name,
    detail: EXPRESSION_WORD_DESCRIPTIONS.get(name) ?? '',
    kind: 'keyword',
    apply: name,
  })),
]);

function isNamePart(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 95 // _
  );
}

/**
 * The names that complete the identifier ending at the cursor.
 *
 * @param text - the condition as typed
 * @param cursor - caret position, UTF-16 index into `text` (clamped to `[0, text.length]`)
 * @param request - `explicit: true` when the author asked for completion (Ctrl+Space)
 * @returns what to offer and the range `[from, to)` an accepted option replaces, or `null` when
 *   there is nothing to offer: no identifier before the cursor (unless explicit), the cursor is
 *   inside a number (`1e3`), nothing matches, or the only match is already typed in full
 */
export function conditionCompletions(
  text: string,
  cursor: number,
  request: ConditionCompletionRequest = {},
): ConditionCompletions | null {
  const to = Math.max(0, Math.min(text.length, Math.trunc(cursor) || 0));
  let from = to;
  while (from > 0 && isNamePart(text.charCodeAt(from - 1))) from--;
  const explicit = request.explicit === true;
  if (from === to && !explicit) return null;
  const first = text.charCodeAt(from);
  // A word that starts with a digit is a number (1e3, 0x1F, 2.5e-3): nothing to complete.
  if (from < to && first >= 48 && first <= 57) return null;
  const prefix = text.slice(from, to).toLowerCase();
  const options = ALL_OPTIONS.filter((option) => option.label.toLowerCase().startsWith(prefix));
  if (options.length === 0) return null;
  // Typed in full, and nothing longer starts with it: close the list, as code editors do.
  if (!explicit && options.length === 1 && options[0]!.label === text.slice(from, to)) return null;
  return { from, to, options };
}
