// OEM XML (`rpo-sim export --format oem-xml`) validated against the CCSDS NDM/XML 4.0.0 schemas
// (CCSDS 505.0-B-3; ndmxml-4.0.0-master-4.0.xsd, the document the files name in
// xsi:noNamespaceSchemaLocation) by an independent validator, libxml2's xmllint (Debian
// libxml2-utils, installed by .ci/run). The schemas are committed under
// test/fixtures/ccsds-ndmxml/ with their provenance. A document broken on purpose must fail, so
// the check is known to bite.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRun } from '../../src/formats/export.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { runScenario } from '../../src/sim/run.ts';

const SCHEMA = 'test/fixtures/ccsds-ndmxml/ndmxml-4.0.0-master-4.0.xsd';
const dir = mkdtempSync(join(tmpdir(), 'rpo-oem-xsd-'));

/** xmllint's verdict on a document: exit status and what it printed. */
function xmllint(text: string, name: string): { ok: boolean; output: string } {
  const path = join(dir, name);
  writeFileSync(path, text);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, path], {
    encoding: 'utf8',
  });
  if (r.error)
    throw new Error(
      `xmllint could not be run (${r.error.message}): install Debian's libxml2-utils (.ci/run does)`,
    );
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** The OEM XML files of an example, sampled every `stepS` s (all integration nodes if omitted). */
function oemXml(example: string, stepS?: number) {
  const loaded = loadScenario(readFileSync(`scenarios/${example}.json`, 'utf8'));
  if (!loaded.ok) throw new Error(`${example} is invalid`);
  const run = runScenario(loaded.scenario, { recordEphemeris: true, checkConstraints: false });
  return exportRun(run, 'oem-xml', {
    creationDate: '2026-12-05T00:00:00.000',
    ...(stepS === undefined ? {} : { stepS }),
  });
}

describe('OEM XML against the CCSDS NDM/XML 4.0.0 schema', () => {
  it.each([
    ['vbar-hop', undefined],
    ['football', 600],
    ['dispersed-vbar-approach', 600],
  ] as const)('%s: every object validates (xmllint)', (example, stepS) => {
    const files = oemXml(example, stepS);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const v = xmllint(f.text, f.name);
      expect(v.output, f.name).toContain('validates');
      expect(v.ok, `${f.name}: ${v.output}`).toBe(true);
    }
  });

  it('refuses a document broken on purpose (the check bites)', () => {
    const [f] = oemXml('vbar-hop', 600);
    const cases: [string, string, RegExp][] = [
      ['no REF_FRAME', f!.text.replace(/<REF_FRAME>[^<]*<\/REF_FRAME>/, ''), /REF_FRAME/],
      ['a position that is not a number', f!.text.replace(/<X>[^<]*<\/X>/, '<X>abc</X>'), /'X'/],
      [
        'elements out of order',
        f!.text.replace(
          /<OBJECT_NAME>([^<]*)<\/OBJECT_NAME>(\s*)<OBJECT_ID>([^<]*)<\/OBJECT_ID>/,
          '<OBJECT_ID>$3</OBJECT_ID>$2<OBJECT_NAME>$1</OBJECT_NAME>',
        ),
        /OBJECT_ID/,
      ],
    ];
    for (const [what, text, named] of cases) {
      expect(text, what).not.toBe(f!.text);
      const v = xmllint(text, 'broken.oem.xml');
      expect(v.ok, what).toBe(false);
      expect(v.output, what).toMatch(named);
    }
  });
});
