/**
 * A scenario as its author wrote it: the JSON text is the source of truth, and every edit from a
 * form or a drag is applied to the text as a minimal change (./jsonText.ts, re-exported here), so
 * keys the editor does not know, their order, and the author's formatting survive any number of
 * edits.
 *
 * Problems found by the loader (or by a run) are mapped back to character ranges of the text, so
 * an editor can underline them where they are. This module imports the loader (zod, mathjs): the
 * browser uses it in the simulation worker, never in the page's first load.
 */

import type { Scenario } from '../scenario/schema.ts';
import type { ScenarioIssue } from '../scenario/validate.ts';
import { loadScenario } from '../scenario/validate.ts';
import { parsePath, rangeOfPath } from './jsonText.ts';

export {
  formatPath,
  moveArrayItem,
  parsePath,
  rangeOfPath,
  readJson,
  replaceKey,
  setAtPath,
  valueAt,
} from './jsonText.ts';
export type { PathArray, SetOptions } from './jsonText.ts';

/** An issue with the character range of the text it is about. */
export interface LocatedIssue extends ScenarioIssue {
  /** Start and end offsets (UTF-16) in the text; the whole text when the path is not found. */
  from: number;
  to: number;
}

/**
 * Locates issues (from the loader or a run) in the text: a syntax error at its line and column,
 * anything else at its JSON path (an unknown key: the key and its value).
 */
export function locateIssues(text: string, issues: readonly ScenarioIssue[]): LocatedIssue[] {
  return issues.map((issue) => {
    const syntax = /line (\d+), column (\d+)/.exec(issue.message);
    if (issue.path === '' && syntax) {
      const offset = offsetOf(text, Number(syntax[1]), Number(syntax[2]));
      return { ...issue, from: offset, to: Math.min(text.length, offset + 1) };
    }
    return {
      ...issue,
      ...rangeOfPath(text, parsePath(issue.path), issue.message.startsWith('unknown key')),
    };
  });
}

/** The outcome of loading a document's text. */
export type DocumentState =
  { ok: true; scenario: Scenario } | { ok: false; issues: LocatedIssue[] };

/** Loads the text and locates every issue in it. */
export function loadDocument(text: string): DocumentState {
  const r = loadScenario(text);
  if (r.ok) return r;
  return { ok: false, issues: locateIssues(text, r.issues) };
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
