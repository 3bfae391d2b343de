// Reading inputs and writing outputs from the command line (issue 12): special files are refused
// without reading or blocking, input is read through a bounded buffer, every output is written
// completely or the command fails with exit 2 and the reason.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { readScenarioFile } from '../../src/cli/files.ts';
import { makeScenario } from '../helpers.ts';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'rpo-files-'));

describe('reading scenario files', () => {
  it.each(['/dev/zero', '/dev/urandom', '/dev/null'])(
    'refuses the device %s without reading it (exit 2)',
    async (device) => {
      const { code, err } = await cli('validate', device);
      expect(code).toBe(2);
      expect(err).toMatch(/is not a regular file/);
    },
  );

  it('refuses a FIFO with no writer at once instead of waiting for one', async () => {
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const { code, err } = await cli('validate', fifo);
    expect(code).toBe(2);
    expect(err).toMatch(/fifo: is not a regular file/);
  });

  it('reads standard input for -', () => {
    const text = readFileSync('scenarios/vbar-hop.json', 'utf8');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/rpo-sim.mjs', 'validate', '-'],
      {
        input: text,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('ok: -\n');
    expect(r.status).toBe(0);
  }, 60_000);

  it('accepts a file starting with a UTF-8 byte-order mark', async () => {
    const p = join(dir, 'bom.json');
    writeFileSync(p, `\uFEFF${JSON.stringify(makeScenario())}`);
    const { code, out } = await cli('validate', p);
    expect(out).toMatch(/^ok: /);
    expect(code).toBe(0);
  });

  it('decodes what it read as UTF-8', () => {
    const p = join(dir, 'utf8.json');
    writeFileSync(p, JSON.stringify({ name: 'Ångström ✓ 🛰' }));
    expect(readScenarioFile(p)).toBe(JSON.stringify({ name: 'Ångström ✓ 🛰' }));
  });
});

describe('writing outputs: completely or exit 2', () => {
  it.each([
    ['a missing folder', () => join(dir, 'no', 'such', 'out.csv'), /no such file or folder/],
    ['a folder', () => dir, /is a directory/],
    ['/dev/full', () => '/dev/full', /not a regular file/],
  ])('run --ephemeris to %s exits 2 with the reason', async (_, target, message) => {
    const { code, out, err } = await cli('run', 'scenarios/vbar-hop.json', '--ephemeris', target());
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });

  it('schema OUT to a bad path is a user error (exit 2), not an internal one', async () => {
    const { code, err } = await cli('schema', join(dir, 'no', 'schema.json'));
    expect(code).toBe(2);
    expect(err).toMatch(/cannot write \(no such file or folder/);
  });

  it('writes the ephemeris in full and leaves no temporary file', async () => {
    const out = join(dir, 'eph.csv');
    writeFileSync(out, 'an earlier file\n');
    const { code } = await cli('run', 'scenarios/vbar-hop.json', '--ephemeris', out);
    expect(code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    // 1 s nodes over 86400 s, plus the two burns' second rows and the header
    expect(lines[0]).toBe('spacecraft,tS,rM,iM,cM,vrMps,viMps,vcMps');
    expect(lines[lines.length - 1]).toMatch(/^hopper,86400,/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(out)).toBe(true);
  });
});
