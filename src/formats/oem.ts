/**
 * CCSDS Orbit Ephemeris Message (OEM 3.0, CCSDS 502.0-B-3 [1]) in KVN and in NDM/XML [2].
 *
 * One message per object; each continuous arc is a segment (an impulse ends a segment and the
 * next starts at the same epoch with the state after the burn, as the standard asks of
 * discontinuities [1, sec. 5.2.4]). Units as the standard fixes them: km and km/s; positions
 * printed to 1e-6 km (1 mm), velocities to 1e-9 km/s (1 um/s). Epochs are UTC to the
 * microsecond.
 *
 * References:
 * [1] CCSDS 502.0-B-3, Orbit Data Messages, Blue Book, April 2023, sec. 5 (OEM), sec. 7 (KVN).
 * [2] CCSDS 505.0-B-3, XML Specification for Navigation Data Messages, May 2023.
 */

import { AsciiWriter } from './ascii.ts';
import { oneLine } from './kvn.ts';
import { ccsdsTime } from './time.ts';
import type { TrajectorySegment } from './trajectory.ts';

/** What an OEM says about its object and frame. */
export interface OemDescription {
  objectName: string;
  objectId: string;
  /** CCSDS CENTER_NAME: `EARTH`, or the target's name for the RIC variant. */
  centerName: string;
  /** CCSDS REF_FRAME, e.g. `EME2000`. */
  refFrame: string;
  /** Scenario epoch, Unix ms UTC (sample times count from it). */
  epochMs: number;
  /** CREATION_DATE, ISO 8601 UTC. */
  creationDate: string;
  /** COMMENT lines of the first segment's metadata (what the numbers are). */
  comments: readonly string[];
}

const XML_NAMES = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'];
const XML_OPEN = XML_NAMES.map((n) => `<${n}>`);
const XML_CLOSE = XML_NAMES.map((n) => `</${n}>`);

/** Text for an XML element: one line, with &, < and > escaped. */
export function xmlEscape(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The cubic Hermite of consecutive states (pos + vel), the engine's own dense output. */
const INTERPOLATION_DEGREE = 3;

function creation(date: string): string {
  return date.replace(/Z$/, '');
}

/** The metadata keywords of one segment, in the order of [1] table 5-3. */
function metadata(
  d: OemDescription,
  seg: TrajectorySegment,
  first: boolean,
): Array<[string, string]> {
  const n = seg.tS.length;
  const rows: Array<[string, string]> = [];
  if (first) for (const c of d.comments) rows.push(['COMMENT', oneLine(c)]);
  rows.push(
    ['OBJECT_NAME', oneLine(d.objectName)],
    ['OBJECT_ID', oneLine(d.objectId)],
    ['CENTER_NAME', oneLine(d.centerName)],
    ['REF_FRAME', d.refFrame],
    ['TIME_SYSTEM', 'UTC'],
    ['START_TIME', ccsdsTime(d.epochMs, seg.tS[0]!)],
    ['STOP_TIME', ccsdsTime(d.epochMs, seg.tS[n - 1]!)],
  );
  if (n > 1) {
    rows.push(
      ['INTERPOLATION', 'HERMITE'],
      ['INTERPOLATION_DEGREE', String(Math.min(INTERPOLATION_DEGREE, 2 * n - 1))],
    );
  }
  return rows;
}

/**
 * The OEM in KVN.
 * @param segments states in `d.refFrame`, m and m/s
 */
export function oemKvn(d: OemDescription, segments: readonly TrajectorySegment[]): string {
  const parts: string[] = [
    'CCSDS_OEM_VERS = 3.0\n',
    `CREATION_DATE = ${creation(d.creationDate)}\n`,
    'ORIGINATOR = rpo-sim\n',
  ];
  segments.forEach((seg, i) => {
    parts.push('\nMETA_START\n');
    for (const [k, v] of metadata(d, seg, i === 0))
      parts.push(k === 'COMMENT' ? `COMMENT ${v}\n` : `${k} = ${v}\n`);
    parts.push('META_STOP\n\n');
    const w = new AsciiWriter();
    const s = seg.stateM;
    for (let k = 0; k < seg.tS.length; k++) {
      const o = k * 6;
      w.text(ccsdsTime(d.epochMs, seg.tS[k]!));
      for (let c = 0; c < 6; c++) w.char(32).fixed(s[o + c]! / 1000, c < 3 ? 6 : 9);
      w.char(10);
    }
    parts.push(w.toString());
  });
  return parts.join('');
}

/**
 * The OEM in NDM/XML (unqualified elements, the schema location of SANA's NDM/XML 4.0.0 master).
 * @param segments states in `d.refFrame`, m and m/s
 */
export function oemXml(d: OemDescription, segments: readonly TrajectorySegment[]): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<oem xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    ' xsi:noNamespaceSchemaLocation="https://sanaregistry.org/r/ndmxml_unqualified/ndmxml-4.0.0-master-4.0.xsd"',
    ' id="CCSDS_OEM_VERS" version="3.0">\n',
    '  <header>\n',
    `    <CREATION_DATE>${creation(d.creationDate)}</CREATION_DATE>\n`,
    '    <ORIGINATOR>rpo-sim</ORIGINATOR>\n',
    '  </header>\n  <body>\n',
  ];
  segments.forEach((seg, i) => {
    parts.push('    <segment>\n      <metadata>\n');
    for (const [k, v] of metadata(d, seg, i === 0))
      parts.push(`        <${k}>${xmlEscape(v)}</${k}>\n`);
    parts.push('      </metadata>\n      <data>\n');
    const w = new AsciiWriter();
    const s = seg.stateM;
    for (let k = 0; k < seg.tS.length; k++) {
      const o = k * 6;
      w.text('        <stateVector><EPOCH>')
        .text(ccsdsTime(d.epochMs, seg.tS[k]!))
        .text('</EPOCH>');
      for (let c = 0; c < 6; c++) {
        w.text(XML_OPEN[c]!)
          .fixed(s[o + c]! / 1000, c < 3 ? 6 : 9)
          .text(XML_CLOSE[c]!);
      }
      w.text('</stateVector>\n');
    }
    parts.push(w.toString(), '      </data>\n    </segment>\n');
  });
  parts.push('  </body>\n</oem>\n');
  return parts.join('');
}
