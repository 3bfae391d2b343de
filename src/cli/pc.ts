/**
 * `rpo-sim pc FILE.cdm [--hbr-m R] [--trials N] [--seed S] [--window-s T] [--json]`: the
 * probability of collision of a conjunction given as a CCSDS 508.0-B-1 CDM (KVN), by Foster's 2D
 * method with its short-encounter test, by Hall's 3D-Nc (NASA CARA's Pc3D_Hall, with its usage test), by
 * Coppola's Cartesian 3D method for comparison and by a two-body
 * Monte Carlo (src/collision).
 *
 * The hard-body radius: --hbr-m (the combined radius) overrides the file; otherwise a
 * `COMMENT HBR = R` line (NASA CARA's convention); otherwise exit 2 naming --hbr-m. The objects'
 * own sizes are never added up: that is not the HBR.
 */

import { readFileSync, statSync } from 'node:fs';
import { CdmError, parseCdm } from '../collision/cdm.ts';
import {
  assessConjunction,
  PC2D_3D_AGREEMENT,
  type ConjunctionPc,
} from '../collision/conjunction.ts';
import { NC3D_EXTENDED_CUTOFF, NC3D_OFFSET_CUTOFF } from '../collision/pc3dHall.ts';
import { PC2D_EXTENDED_CUTOFF } from '../collision/encounter.ts';
import { MAX_SEED } from '../montecarlo/random.ts';
import { formatPc } from './collisionSummary.ts';
import { InputError, UsageError } from './files.ts';
import type { CliIo } from './main.ts';

/** Summary format name and version (`rpo-sim pc --json`). */
export const PC_FORMAT = 'rpo-pc';
export const PC_FORMAT_VERSION = 1;

/** Default Monte Carlo trials of `rpo-sim pc`. */
export const DEFAULT_PC_TRIALS = 100_000;

const MAX_CDM_BYTES = 1 << 20;

interface PcArgs {
  file: string;
  hbrM: number | null;
  trials: number;
  seed: number;
  windowHalfS: number | undefined;
  json: boolean;
}

function parsePcArgs(args: readonly string[]): PcArgs {
  const valued = new Map<string, string>();
  const files: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (!['hbr-m', 'trials', 'seed', 'window-s'].includes(name)) {
        throw new UsageError(`unknown option ${a}`);
      }
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`--${name} needs a value`);
      valued.set(name, v);
    } else files.push(a);
  }
  if (files.length !== 1) throw new UsageError('pc takes one CDM file');
  const num = (name: string, ok: (v: number) => boolean, what: string): number | undefined => {
    const raw = valued.get(name);
    if (raw === undefined) return undefined;
    const v = Number(raw);
    if (!Number.isFinite(v) || !ok(v))
      throw new UsageError(`--${name} must be ${what}, got "${raw}"`);
    return v;
  };
  return {
    file: files[0]!,
    hbrM: num('hbr-m', (v) => v > 0, 'a positive radius in metres') ?? null,
    trials:
      num('trials', (v) => Number.isInteger(v) && v >= 0 && v <= 1e8, 'an integer 0..1e8') ??
      DEFAULT_PC_TRIALS,
    seed:
      num('seed', (v) => Number.isInteger(v) && v >= 0 && v <= MAX_SEED, 'an integer >= 0') ?? 1,
    windowHalfS: num('window-s', (v) => v > 0, 'a positive number of seconds'),
    json,
  };
}

function readCdmText(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${file}: is a directory, not a CDM`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code})`}`,
    );
  }
  if (size > MAX_CDM_BYTES) throw new InputError(`${file}: ${size} bytes; a CDM is under 1 MB`);
  return readFileSync(file, 'utf8');
}

function summaryText(r: ReturnType<typeof pcReport>): string {
  const e = r.encounter;
  const lines = [
    `CDM ${r.file}${r.messageId ? ` (${r.messageId})` : ''}, TCA ${r.tca}`,
    `  miss distance      ${r.missDistanceM.toFixed(3)} m at ${r.relativeSpeedMps.toPrecision(6)} m/s`,
    `  hard-body radius   ${r.hbrM} m (${r.hbrSource})`,
    `  2D Pc (Foster)     ${formatPc(r.pc2d)}  short-encounter test ${r.valid2d ? 'passed' : 'FAILED'}: ` +
      `validity span ${(2 * e.validityHalfWidthS).toPrecision(4)} s = ${(100 * e.extendedIndicator).toPrecision(3)} % of the shorter period (cutoff ${100 * PC2D_EXTENDED_CUTOFF} %)`,
  ];
  if (r.pc3d !== null) {
    const t = r.encounter3d!;
    lines.push(
      `  3D Pc (Hall)       ${formatPc(r.pc3d)}  expected entries ${formatPc(r.nc3d!)} over ${r.pc3dWindowS![0].toPrecision(4)} .. ${r.pc3dWindowS![1].toPrecision(4)} s about TCA; ` +
        `usage test ${r.valid3d ? 'passed' : `FAILED (${r.valid3dViolations.join(', ')})`}: conjunction ${t.conjunctionS[0].toPrecision(4)} .. ${t.conjunctionS[1].toPrecision(4)} s, ` +
        `extended ${t.extendedIndicator.toPrecision(3)} (cutoff ${t.extendedCutoff}), offset ${t.offsetIndicator.toPrecision(3)} (cutoff ${t.offsetCutoff})`,
    );
    if (r.agree2d3d === false)
      lines.push(
        `  the 2D Pc differs from the 3D Pc by more than ${100 * PC2D_3D_AGREEMENT} %: the 2D assumptions fail here`,
      );
  }
  if (r.pc3dCoppola !== null)
    lines.push(
      `  3D Pc (Coppola)    ${formatPc(r.pc3dCoppola)}  Cartesian linearisation, for comparison (not valid for km-level in-track covariances)`,
    );
  const mc = r.pcMonteCarlo;
  if (mc) {
    lines.push(
      `  Monte Carlo Pc     ${formatPc(mc.p)}  95 % interval [${formatPc(mc.lo)}, ${formatPc(mc.hi)}], ${mc.hits} hits in ${mc.trials} trials (seed ${mc.seed}), window ${mc.windowS[0].toPrecision(4)} .. ${mc.windowS[1].toPrecision(4)} s about TCA`,
    );
    if (mc.contactAtStart > 0)
      lines.push(
        `  ${mc.contactAtStart} trials were already in contact at the window's start: not hits (their contact began before the window; a wider --window-s covers more of the encounter)`,
      );
    if (r.consistent2d === false)
      lines.push(
        '  the 2D Pc lies outside the Monte Carlo 99.9 % interval: the 2D assumptions fail here',
      );
  }
  lines.push(`  Pc                 ${formatPc(r.pc)} (${r.method})`);
  return `${lines.join('\n')}\n`;
}

/** The JSON document of `rpo-sim pc --json`. */
export function pcReport(
  file: string,
  cdm: ReturnType<typeof parseCdm>,
  hbrM: number,
  hbrSource: string,
  a: ConjunctionPc,
) {
  const hall = a.pc3d && 'violations' in a.pc3d ? a.pc3d : null;
  return {
    format: PC_FORMAT,
    version: PC_FORMAT_VERSION,
    file,
    messageId: cdm.messageId,
    tca: cdm.tca,
    hbrM,
    hbrSource,
    missDistanceM: a.missDistanceM,
    relativeSpeedMps: a.relativeSpeedMps,
    pc2d: a.pc2d,
    valid2d: a.encounter.valid2d,
    pc3d: a.pc3d?.pc ?? null,
    nc3d: a.pc3d?.nc ?? null,
    pc3dWindowS: a.pc3d?.windowS ?? null,
    pc3dMethod: a.pc3d?.method ?? null,
    valid3d: a.valid3d,
    valid3dViolations: hall?.violations ?? [],
    encounter3d: hall && {
      conjunctionS: hall.conjunctionS,
      extendedIndicator: hall.extendedIndicator,
      extendedCutoff: NC3D_EXTENDED_CUTOFF,
      offsetIndicator: hall.offsetIndicator,
      offsetCutoff: NC3D_OFFSET_CUTOFF,
      converged: hall.converged,
    },
    pc3dCoppola: a.pc3dCoppola?.pc ?? null,
    nc3dCoppola: a.pc3dCoppola?.nc ?? null,
    agree2d3d: a.agree2d3d,
    encounter: { ...a.encounter, extendedCutoff: PC2D_EXTENDED_CUTOFF },
    sigmaPlaneM: a.sigmaPlaneM,
    pcMonteCarlo: a.pcMonteCarlo && { ...a.pcMonteCarlo, confidence: 0.95 },
    consistent2d: a.consistent2d,
    pc: a.pc,
    method: a.method,
  };
}

/** Runs `rpo-sim pc`; returns the exit code. */
export function cmdPc(args: readonly string[], io: CliIo): number {
  const opts = parsePcArgs(args);
  let cdm;
  try {
    cdm = parseCdm(readCdmText(opts.file));
  } catch (err) {
    if (err instanceof CdmError) throw new InputError(`${opts.file}: ${err.message}`);
    throw err;
  }
  const hbrM = opts.hbrM ?? cdm.commentHbrM;
  if (hbrM === null) {
    throw new InputError(
      `${opts.file}: no hard-body radius: give --hbr-m R (the combined radius of both objects, m) ` +
        'or a "COMMENT HBR = R" line in the CDM',
    );
  }
  let a: ConjunctionPc;
  try {
    a = assessConjunction(cdm.objects[0], cdm.objects[1], {
      hbrM,
      trials: opts.trials,
      seed: opts.seed,
      windowHalfS: opts.windowHalfS,
    });
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(`${opts.file}: ${err.message}`);
    throw err;
  }
  const report = pcReport(opts.file, cdm, hbrM, opts.hbrM !== null ? '--hbr-m' : 'COMMENT HBR', a);
  io.stdout(opts.json ? `${JSON.stringify(report, null, 2)}\n` : summaryText(report));
  return 0;
}
