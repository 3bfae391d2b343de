/**
 * The scenario's provenance (author, organization, sources, marking, license) as comment lines
 * of the exchange files, so that a file passed on keeps its marking and sources.
 *
 * Where each format takes them:
 * - CCSDS KVN (OEM, OPM, CDM): `COMMENT` lines at the start of the header, right after the
 *   version line (CCSDS 502.0-B-3 sec. 7.8 and the header tables; CCSDS 508.0-B-1 table 3-1).
 * - OEM NDM/XML: `<COMMENT>` elements first in `<header>`.
 * - STK `.e`: `#` lines after the version line.
 * - CSV (`rpo-sim run --ephemeris`): `#` lines before the column names.
 * - CZML: the document packet's custom `properties` (see ./czml.ts).
 */

import type { ProvenanceSpec } from '../scenario/schema.ts';
import { oneLine } from './kvn.ts';
import { xmlEscape } from './oem.ts';

/** The provenance as labelled single lines, marking first: `Marking: UNCLASSIFIED // TRAINING`. */
export function provenanceLines(p: ProvenanceSpec | undefined): string[] {
  if (!p) return [];
  const out: string[] = [];
  const add = (label: string, v: string | undefined) => {
    if (v !== undefined && v !== '') out.push(`${label}: ${oneLine(v)}`);
  };
  add('Marking', p.marking);
  add('Author', p.author);
  add('Organization', p.organization);
  for (const src of provenanceSources(p)) add('Source', src);
  add('License', p.license);
  return out;
}

/** The provenance's sources as a list (a single `source` string is a list of one). */
export function provenanceSources(p: ProvenanceSpec): string[] {
  return typeof p.source === 'string' ? [p.source] : (p.source ?? []);
}

/**
 * Lines as comments, each ended by a newline.
 * @param prefix the comment marker with its space: `COMMENT ` or `# `
 */
export function commentLines(lines: readonly string[], prefix: string): string {
  return lines.map((l) => `${prefix}${l}\n`).join('');
}

/**
 * Inserts comment lines after the first line of a text (a KVN or STK version line).
 * @param prefix the comment marker with its space: `COMMENT ` or `# `
 */
export function afterFirstLine(text: string, lines: readonly string[], prefix: string): string {
  if (lines.length === 0) return text;
  const cut = text.indexOf('\n') + 1;
  return `${text.slice(0, cut)}${commentLines(lines, prefix)}${text.slice(cut)}`;
}

/** Inserts `<COMMENT>` elements first in an NDM/XML message's `<header>`. */
export function xmlHeaderComments(text: string, lines: readonly string[]): string {
  if (lines.length === 0) return text;
  const tag = '<header>\n';
  const cut = text.indexOf(tag) + tag.length;
  const comments = lines.map((l) => `    <COMMENT>${xmlEscape(l)}</COMMENT>\n`).join('');
  return `${text.slice(0, cut)}${comments}${text.slice(cut)}`;
}
