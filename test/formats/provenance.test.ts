// The scenario's provenance copied into every export (CCSDS KVN COMMENT lines in the header,
// NDM/XML <COMMENT> first in the header, STK and CSV '#' lines, the CZML document packet's
// properties) and carried by share links. References: CCSDS 502.0-B-3 (ODM: header COMMENT
// lines right after the version keyword), CCSDS 508.0-B-1 (CDM header), CZML Packet
// "properties".

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { decodeShareFragment, encodeShareFragment } from '../../src/editing/share.ts';
import { EXPORT_FORMATS, exportRun } from '../../src/formats/export.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { runScenario } from '../../src/sim/run.ts';
import { makeScenario, valid } from '../helpers.ts';

const provenance = {
  author: 'A. Planner',
  organization: 'Training wing <ops> & co',
  source: ['https://example.org/skynet-5a', 'Weeden & Samson, Global Counterspace, 2025'],
  marking: 'UNCLASSIFIED // TRAINING',
  license: 'CC-BY-4.0',
};
const LINES = [
  'Marking: UNCLASSIFIED // TRAINING',
  'Author: A. Planner',
  'Organization: Training wing <ops> & co',
  'Source: https://example.org/skynet-5a',
  'Source: Weeden & Samson, Global Counterspace, 2025',
  'License: CC-BY-4.0',
];

const scenario = valid(
  makeScenario(
    { durationS: 3600, stepS: 60, provenance },
    { initial: { frame: 'RIC', positionM: [0, -2000, 0], velocityMps: [0, 0.2, 0] } },
  ),
);
const run = runScenario(scenario, { recordEphemeris: true, checkConstraints: false });
const options = { creationDate: '2026-03-19T12:00:00.000Z' };

describe('exports carry the provenance', () => {
  it.each(['oem', 'opm', 'cdm'] as const)('%s: COMMENT lines right after the version line', (f) => {
    const files = exportRun(run, f, options);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const lines = file.text.split('\n');
      expect(lines[0]).toMatch(/^CCSDS_(OEM|OPM|CDM)_VERS = /);
      expect(lines.slice(1, 1 + LINES.length)).toEqual(LINES.map((l) => `COMMENT ${l}`));
      // the rest of the header follows unchanged
      expect(lines[1 + LINES.length]).toMatch(/^CREATION_DATE = /);
    }
  });

  it('oem-xml: <COMMENT> elements first in the header, escaped', () => {
    for (const file of exportRun(run, 'oem-xml', options)) {
      const header = file.text.slice(file.text.indexOf('<header>'), file.text.indexOf('</header>'));
      const comments = [...header.matchAll(/<COMMENT>([^<]*)<\/COMMENT>/g)].map((m) => m[1]);
      expect(comments).toEqual(
        LINES.map((l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')),
      );
      expect(header.indexOf('<COMMENT>')).toBeLessThan(header.indexOf('<CREATION_DATE>'));
    }
  });

  it('stk-e: # lines after the version line', () => {
    for (const file of exportRun(run, 'stk-e', options)) {
      const lines = file.text.split('\n');
      expect(lines[0]).toBe('stk.v.11.0');
      expect(lines.slice(1, 1 + LINES.length)).toEqual(LINES.map((l) => `# ${l}`));
    }
  });

  it('czml: the document packet properties', () => {
    const [file] = exportRun(run, 'czml', options);
    const doc = JSON.parse(file!.text)[0];
    expect(doc.id).toBe('document');
    expect(doc.properties).toEqual({
      marking: provenance.marking,
      author: provenance.author,
      organization: provenance.organization,
      license: provenance.license,
      source: provenance.source.join('\n'),
    });
  });

  it('every format carries the marking', () => {
    for (const f of EXPORT_FORMATS)
      for (const file of exportRun(run, f, options))
        expect(file.text).toContain('UNCLASSIFIED // TRAINING');
  });

  it('without provenance the files are as before', () => {
    const plain = runScenario(valid({ ...scenario, provenance: undefined }), {
      recordEphemeris: true,
    });
    for (const f of EXPORT_FORMATS)
      for (const file of exportRun(plain, f, options)) {
        expect(file.text).not.toContain('Marking:');
        expect(file.text).not.toContain('"properties"');
      }
  });

  it('CSV ephemeris (rpo-sim run --ephemeris): # lines before the column names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rpo-prov-'));
    const input = join(dir, 's.json');
    writeFileSync(input, JSON.stringify(scenario));
    const out = join(dir, 'eph.csv');
    const code = await main(['run', input, '--ephemeris', out], {
      stdout: () => {},
      stderr: () => {},
    });
    expect(code).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.slice(0, LINES.length)).toEqual(LINES.map((l) => `# ${l}`));
    expect(lines[LINES.length]).toBe('spacecraft,tS,rM,iM,cM,vrMps,viMps,vcMps');
  });
});

describe('share links carry the provenance', () => {
  it('round-trips the scenario text, provenance included', () => {
    const text = JSON.stringify(
      { ...scenario, provenance: { ...provenance, author: 'Zoë Ünal — OPS' } },
      null,
      2,
    );
    const back = decodeShareFragment(`#${encodeShareFragment(text)}`);
    expect(back.kind).toBe('text');
    if (back.kind !== 'text') return;
    expect(back.text).toBe(text);
    const loaded = loadScenario(back.text);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.scenario.provenance?.author).toBe('Zoë Ünal — OPS');
  });
});
