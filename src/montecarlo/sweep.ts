/**
 * Campaigns: a sweep over one or two scenario fields and the Monte Carlo statistics of each
 * variant (`rpo-sim sweep`, and the app's campaign panel, which reads the same values, builds the
 * same variants and writes the same rows, so the two agree number for number).
 *
 * - A field's values: `start:step:stop` (inclusive: start + k step for k = 0, 1, ... while not
 *   past stop, each computed from k, never accumulated) or a comma list (`1800,3600,7200`; items
 *   that are not JSON numbers or literals are strings).
 * - Two fields give every pair, the first varying slowest.
 * - A variant is the scenario text with the fields set by the editor's order-preserving JSON edit
 *   (editing/jsonText.ts), then validated like any file.
 * - `rpo-sweep` v1 is the JSON of a sweep; `parseSweepResult` reads one back (the app loads the
 *   CLI's file) and names the JSON path of what is wrong.
 */

import * as z from 'zod';
import { formatPath, parsePath, setAtPath, valueAt } from '../editing/jsonText.ts';
import type { MonteCarloSummary, Proportion } from './stats.ts';

/** Sweep format name and version (`rpo-sim sweep --json`). */
export const SWEEP_FORMAT = 'rpo-sweep';
export const SWEEP_FORMAT_VERSION = 1;
/** Largest number of variants of one sweep. */
export const MAX_VARIANTS = 1000;

/** A malformed field path, range or list (the message says which and why). */
export class SweepSpecError extends Error {}

/** One swept field. */
export interface SweepAxis {
  /** JSON path as written (`spacecraft[0].maneuvers[1].tS`). */
  path: string;
  values: unknown[];
}

/**
 * Parses one swept field: its JSON path and its values.
 * @param path JSON path (`spacecraft[0].maneuvers[1].tS`)
 * @param spec `start:step:stop` or a comma list
 * @throws SweepSpecError for an empty path or a malformed range or list
 */
export function parseSweepAxis(path: string, spec: string): SweepAxis {
  const p = path.trim();
  const s = spec.trim();
  if (parsePath(p).length === 0) throw new SweepSpecError(`no JSON path in "${path}"`);
  const range = /^([^:,]+):([^:,]+):([^:,]+)$/.exec(s);
  if (range) {
    const [start, step, stop] = range.slice(1).map(Number) as [number, number, number];
    if (![start, step, stop].every(Number.isFinite) || step === 0 || (stop - start) / step < 0)
      throw new SweepSpecError(
        `${p}: start:step:stop needs numbers with a step that goes from start towards stop (got "${s}")`,
      );
    const count = Math.floor((stop - start) / step + 1e-9) + 1;
    if (count > MAX_VARIANTS)
      throw new SweepSpecError(`${p}: ${count} values, more than ${MAX_VARIANTS}`);
    return { path: p, values: Array.from({ length: count }, (_, k) => start + k * step) };
  }
  const items = s.split(',').map((x) => x.trim());
  if (items.some((x) => x === ''))
    throw new SweepSpecError(`${p}: SPEC is start:step:stop or a comma list (got "${s}")`);
  return {
    path: p,
    values: items.map((x) => {
      try {
        return JSON.parse(x) as unknown;
      } catch {
        return x;
      }
    }),
  };
}

/** Every combination of the axes' values, the first axis varying slowest. */
export function variants(axes: readonly SweepAxis[]): unknown[][] {
  let out: unknown[][] = [[]];
  for (const axis of axes) out = out.flatMap((prefix) => axis.values.map((v) => [...prefix, v]));
  return out;
}

/**
 * Why a swept field cannot be set in the plan, or null: its parent must be in the plan, an object
 * for a key, a list holding the index for an index (a sweep changes fields, it does not add
 * maneuvers or spacecraft; a missing key of an existing object may be added).
 * @param text the plan's JSON text
 * @param path the field's JSON path
 */
export function sweepPathProblem(text: string, path: string): string | null {
  const keys = parsePath(path);
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return 'the plan is not valid JSON';
  }
  const parentKeys = keys.slice(0, -1);
  const parent = valueAt(root, parentKeys);
  const where = parentKeys.length > 0 ? formatPath(parentKeys) : 'the plan';
  const last = keys[keys.length - 1];
  if (parent === undefined) return `${path}: the plan has no ${where}`;
  if (typeof last === 'number') {
    if (!Array.isArray(parent)) return `${path}: ${where} is not a list in the plan`;
    if (last >= parent.length)
      return `${path}: ${where} has ${parent.length} item(s) in the plan (indexes from 0)`;
  } else if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) {
    return `${path}: ${where} is not an object in the plan`;
  }
  return null;
}

/**
 * The text of one variant: `text` with each axis's field set to its value (order-preserving).
 * @param values one value per axis, in axis order
 * @throws SweepSpecError when a field cannot be set in the plan (`sweepPathProblem`)
 */
export function variantText(text: string, axes: readonly SweepAxis[], values: unknown[]): string {
  for (const axis of axes) {
    const problem = sweepPathProblem(text, axis.path);
    if (problem !== null) throw new SweepSpecError(problem);
  }
  let out = text;
  axes.forEach((axis, i) => {
    out = setAtPath(out, parsePath(axis.path), values[i]);
  });
  return out;
}

/** `path=value path=value` of a variant. */
export function variantLabel(parameters: readonly string[], values: readonly unknown[]): string {
  return values.map((v, i) => `${parameters[i]}=${JSON.stringify(v)}`).join(' ');
}

/** 5th, 50th and 95th percentiles. */
export interface SweepQuantiles {
  p5: number;
  p50: number;
  p95: number;
}

/** The statistics of one spacecraft in a sweep row. */
export interface SweepCraft {
  id: string;
  /** P(violation) per kind with its 95 % Wilson interval (kinds the plan can violate). */
  violations: MonteCarloSummary['spacecraft'][number]['violations'];
  anyViolation: Proportion;
  /** Delta-v flown, m/s. */
  totalDvMps: SweepQuantiles;
  /** Minimum range to the target, m. */
  minRangeM: SweepQuantiles;
}

/** One variant's row. */
export interface SweepRow {
  /** The swept fields' values, in axis order. */
  values: unknown[];
  /** Why the variant was not run (invalid scenario); null if it was. */
  error: string | null;
  /** Trials flown and counted, and trials that could not be flown. */
  flown: number;
  failed: number;
  spacecraft: SweepCraft[];
}

/** `rpo-sim sweep --json` (rpo-sweep v1). */
export interface SweepResult {
  format: typeof SWEEP_FORMAT;
  version: typeof SWEEP_FORMAT_VERSION;
  /** Scenario name. */
  scenario: string;
  /** The swept JSON paths, in axis order. */
  parameters: string[];
  /** Trials per variant. */
  trials: number;
  seed: number;
  confidence: 0.95;
  intervalMethod: 'wilson';
  percentileMethod: 'linear (Hyndman-Fan 7)';
  /** Whether the sweep was stopped: `variants` then holds the variants done. */
  interrupted: boolean;
  variants: SweepRow[];
}

/** An empty sweep result (variants are pushed as they are done). */
export function newSweepResult(
  scenario: string,
  axes: readonly SweepAxis[],
  trials: number,
  seed: number,
): SweepResult {
  return {
    format: SWEEP_FORMAT,
    version: SWEEP_FORMAT_VERSION,
    scenario,
    parameters: axes.map((x) => x.path),
    trials,
    seed,
    confidence: 0.95,
    intervalMethod: 'wilson',
    percentileMethod: 'linear (Hyndman-Fan 7)',
    interrupted: false,
    variants: [],
  };
}

/** A sweep row from a variant's Monte Carlo summary. */
export function sweepRow(values: unknown[], sum: MonteCarloSummary): SweepRow {
  const q = (d: SweepQuantiles): SweepQuantiles => ({ p5: d.p5, p50: d.p50, p95: d.p95 });
  return {
    values,
    error: null,
    flown: sum.flown,
    failed: sum.failed.count,
    spacecraft: sum.spacecraft.map((c) => ({
      id: c.id,
      violations: c.violations,
      anyViolation: c.anyViolation,
      totalDvMps: q(c.totalDvMps),
      minRangeM: q(c.minRangeM),
    })),
  };
}

// JSON writes NaN (a percentile of no flown trial) as null.
const num = z.number().nullable();
const proportion = z.object({
  p: num,
  lo: z.number(),
  hi: z.number(),
  count: z.number().int().nonnegative(),
});
const quantiles = z.object({ p5: num, p50: num, p95: num });
const sweepSchema = z.object({
  format: z.literal(SWEEP_FORMAT),
  version: z.literal(SWEEP_FORMAT_VERSION),
  scenario: z.string(),
  parameters: z.array(z.string()).min(1).max(2),
  trials: z.number().int().positive(),
  seed: z.number().int().nonnegative(),
  confidence: z.literal(0.95),
  intervalMethod: z.literal('wilson'),
  percentileMethod: z.literal('linear (Hyndman-Fan 7)'),
  interrupted: z.boolean(),
  variants: z
    .array(
      z.object({
        values: z.array(z.unknown()),
        error: z.string().nullable(),
        flown: z.number().int().nonnegative(),
        failed: z.number().int().nonnegative(),
        spacecraft: z.array(
          z.object({
            id: z.string(),
            violations: z.record(z.string(), proportion),
            anyViolation: proportion,
            totalDvMps: quantiles,
            minRangeM: quantiles,
          }),
        ),
      }),
    )
    .max(MAX_VARIANTS),
});

/**
 * Reads an `rpo-sweep` v1 document (as written by `rpo-sim sweep --json`).
 * @param text the file's text
 * @throws SweepSpecError naming the JSON path of the first problem
 */
export function parseSweepResult(text: string): SweepResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SweepSpecError(`not JSON: ${(err as Error).message}`);
  }
  const r = sweepSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const at = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    throw new SweepSpecError(`not an rpo-sweep v1 file: ${at}: ${issue.message}`);
  }
  const n = r.data.parameters.length;
  const bad = r.data.variants.findIndex((v) => v.values.length !== n);
  if (bad >= 0)
    throw new SweepSpecError(
      `not an rpo-sweep v1 file: variants[${bad}].values has ${r.data.variants[bad]!.values.length} values for ${n} parameter(s)`,
    );
  const nan = (x: number | null): number => (x === null ? Number.NaN : x);
  return {
    ...r.data,
    variants: r.data.variants.map((v) => ({
      ...v,
      spacecraft: v.spacecraft.map((c) => {
        const prop = (x: z.infer<typeof proportion>): Proportion => ({ ...x, p: nan(x.p) });
        const qs = (x: z.infer<typeof quantiles>): SweepQuantiles => ({
          p5: nan(x.p5),
          p50: nan(x.p50),
          p95: nan(x.p95),
        });
        return {
          id: c.id,
          violations: Object.fromEntries(
            Object.entries(c.violations).map(([k, x]) => [k, prop(x)]),
          ) as SweepCraft['violations'],
          anyViolation: prop(c.anyViolation),
          totalDvMps: qs(c.totalDvMps),
          minRangeM: qs(c.minRangeM),
        };
      }),
    })),
  };
}
