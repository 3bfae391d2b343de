/**
 * An element-set file (TLE, OMM) dropped on or opened in the app sets the target of the plan
 * being edited: `target.orbit` becomes `{ "type": "elements", "tle" | "omm" }`, `target.name` the
 * object's name when the file gives one, and `dynamics` "nonlinear" (an element-set target is
 * propagated in two-body motion). Every other field of the text stays as written.
 */

import type { ParsedElements } from '../formats/elements.ts';
import { setAtPath } from './jsonText.ts';

/** Whether a file is an element set rather than a scenario, by its name and first characters. */
export function looksLikeElements(fileName: string, text: string): boolean {
  if (/\.(tle|txt|xml|3le|2le|omm|kvn)$/i.test(fileName)) return true;
  const t = text.trimStart();
  if (t.startsWith('1 ') || /^CCSDS_OMM_VERS/.test(t)) return true;
  // an OMM record (or a list holding one) as catalogues serve it, not a scenario
  return /^[[{]/.test(t) && /"MEAN_MOTION"\s*:/.test(t) && !/"format"\s*:\s*"rpo-scenario"/.test(t);
}

/**
 * The scenario text with its target taken from an element set.
 * @param text the current scenario JSON text @param parsed the element set read from a file
 */
export function withTargetElements(text: string, parsed: ParsedElements): string {
  let out = setAtPath(text, ['target', 'orbit'], { type: 'elements', ...parsed.elements });
  if (parsed.name) out = setAtPath(out, ['target', 'name'], parsed.name);
  return setAtPath(out, ['dynamics'], 'nonlinear');
}
