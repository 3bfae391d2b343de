/**
 * An OPM file (CCSDS 502.0-B-3 KVN) dropped on or opened in the app sets the initial state of the
 * spacecraft in focus (the first one when none is): its `initial` becomes
 * `{ "frame": "opm", "opm": "<KVN text>" }` (src/formats/opmImport.ts reads it at run time).
 * Every other field of the text stays as written.
 */

import { parseOpm } from '../formats/opmImport.ts';
import { setAtPath } from './jsonText.ts';

/** Whether a file is an OPM rather than a scenario or an element set (its name or first key). */
export function looksLikeOpm(fileName: string, text: string): boolean {
  return /\.opm$/i.test(fileName) || /^CCSDS_OPM_VERS\b/.test(text.trimStart());
}

/**
 * The scenario text with the initial state of one spacecraft taken from an OPM.
 * @param text the current scenario JSON text
 * @param craftId the spacecraft in focus, or null for the first
 * @param opm the OPM's KVN text
 * @throws OpmError naming the line and keyword when the OPM cannot be read
 * @throws Error when the scenario text has no spacecraft to give it to
 */
export function withSpacecraftOpm(text: string, craftId: string | null, opm: string): string {
  parseOpm(opm);
  const doc = JSON.parse(text) as { spacecraft?: Array<{ id?: unknown }> };
  const crafts = Array.isArray(doc.spacecraft) ? doc.spacecraft : [];
  if (crafts.length === 0) throw new Error('the plan has no spacecraft to give the OPM state to');
  const index = Math.max(
    0,
    crafts.findIndex((c) => c.id === craftId),
  );
  return setAtPath(text, ['spacecraft', index, 'initial'], { frame: 'opm', opm });
}
