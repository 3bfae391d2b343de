/**
 * A scenario as its author wrote it: the JSON text is the source of truth, and every edit from a
 * form or a drag is applied to the text as a minimal change (jsonc-parser), so keys the editor
 * does not know, their order, and the author's formatting survive any number of edits.
 *
 * Problems found by the loader are mapped back to character ranges of the text, so an editor can
 * underline them where they are.
 *
 * References:
 * [1] jsonc-parser (Microsoft, the parser of VS Code's JSON support): `modify`, `applyEdits`,
 *     `parseTree`, `findNodeAtLocation`.
 */

import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import type { JSONPath, Node } from 'jsonc-parser';
import type { Scenario } from '../scenario/schema.ts';
import type { ScenarioIssue } from '../scenario/validate.ts';
import { loadScenario } from '../scenario/validate.ts';

/** A JSON path as an array, e.g. ['spacecraft', 0, 'maneuvers', 2, 'dvMps']. */
export type PathArray = (string | number)[];

/** An issue with the character range of the text it is about. */
export interface LocatedIssue extends ScenarioIssue {
  /** Start and end offsets (UTF-16) in the text; the whole text when the path is not found. */
  from: number;
  to: number;
}

/** Parses a formatted path (`spacecraft[0].maneuvers[2].dvMps`) into an array. */
export function parsePath(path: string): PathArray {
  const out: PathArray = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Indentation of the text (two spaces when it cannot tell). */
function detectIndent(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /\n([ \t]+)"/.exec(text);
  if (m && m[1]!.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: m ? Math.min(8, m[1]!.length) : 2 };
}

/**
 * Sets (or, with `undefined`, removes) the value at `path` in JSON text, changing nothing else.
 * Array elements are inserted with `{ insert: true }` at an index (use the length to append).
 */
export function setAtPath(
  text: string,
  path: JSONPath,
  value: unknown,
  options: { insert?: boolean } = {},
): string {
  const edits = modify(text, path, value, {
    formattingOptions: { ...detectIndent(text), eol: text.includes('\r\n') ? '\r\n' : '\n' },
    ...(options.insert ? { isArrayInsertion: true } : {}),
  });
  return applyEdits(text, edits);
}

/** Moves array element `from` to index `to` (the other elements keep their text). */
export function moveArrayItem(text: string, arrayPath: JSONPath, from: number, to: number): string {
  const tree = parseTree(text);
  const array = tree ? findNodeAtLocation(tree, arrayPath) : undefined;
  const item = array?.children?.[from];
  if (!array || !item || to < 0 || to >= (array.children?.length ?? 0) || from === to) return text;
  const itemText = text.slice(item.offset, item.offset + item.length);
  const removed = setAtPath(text, [...arrayPath, from], undefined);
  return setAtPath(removed, [...arrayPath, to], JSON.parse(itemText) as unknown, { insert: true });
}

/**
 * The character range of the value at `path`, or of its closest existing parent; with
 * `wholeProperty`, of the key and its value (to underline an unknown key).
 */
export function rangeOfPath(
  text: string,
  path: PathArray,
  wholeProperty = false,
): { from: number; to: number } {
  const tree = parseTree(text);
  if (!tree) return { from: 0, to: text.length };
  for (let k = path.length; k >= 0; k--) {
    const node: Node | undefined = findNodeAtLocation(tree, path.slice(0, k));
    if (node) {
      const target =
        wholeProperty && k === path.length && node.parent?.type === 'property' ? node.parent : node;
      return { from: target.offset, to: target.offset + target.length };
    }
  }
  return { from: 0, to: text.length };
}

/** The outcome of loading a document's text. */
export type DocumentState =
  { ok: true; scenario: Scenario } | { ok: false; issues: LocatedIssue[] };

/** Loads the text and locates every issue in it. */
export function loadDocument(text: string): DocumentState {
  const r = loadScenario(text);
  if (r.ok) return r;
  return {
    ok: false,
    issues: r.issues.map((issue) => {
      const syntax = /line (\d+), column (\d+)/.exec(issue.message);
      if (issue.path === '' && syntax) {
        const offset = offsetOf(text, Number(syntax[1]), Number(syntax[2]));
        return { ...issue, from: offset, to: Math.min(text.length, offset + 1) };
      }
      return {
        ...issue,
        ...rangeOfPath(text, parsePath(issue.path), issue.message.startsWith('unknown key')),
      };
    }),
  };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + column - 1);
}
