/**
 * Braking profile (`closing-speed`): the closing speed (-range rate, m/s) may not exceed a
 * piecewise-linear function of range given by gates; beyond the first and last gates the end
 * values hold. g = allowed - closing speed, m/s.
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.2 (braking profiles).
 */

import * as z from 'zod';
import type { Detector } from '../events/detectors.ts';
import { nonNegative, strict } from '../scenario/schemaParts.ts';
import { isNonCooperative } from '../scenario/derived.ts';
import { defineConstraint } from './module.ts';

const closingSpeedGate = strict({
  rangeM: nonNegative('range in m'),
  maxMps: nonNegative('largest closing speed in m/s at that range'),
});

/** The JSON shape of `constraints.closingSpeed` (optional). */
export const closingSpeedSchema = z
  .array(closingSpeedGate)
  .min(1, { error: 'expected at least one { rangeM, maxMps } gate' })
  .optional()
  .describe(
    'Braking profile: largest closing speed against range, linear between gates, the end values beyond them.',
  );

/** The braking profile's detector over gates sorted by range. */
export class ClosingSpeedDetector implements Detector {
  readonly kind = 'closing-speed';
  readonly marginUnit = 'm/s';
  private readonly ranges: Float64Array;
  private readonly speeds: Float64Array;
  /** @param gates range, m, and largest closing speed there, m/s (any order) */
  constructor(gates: readonly { rangeM: number; maxMps: number }[]) {
    const sorted = [...gates].sort((a, b) => a.rangeM - b.rangeM);
    this.ranges = Float64Array.from(sorted, (g) => g.rangeM);
    this.speeds = Float64Array.from(sorted, (g) => g.maxMps);
  }
  /** Allowed closing speed at `rangeM`, m/s. */
  allowedMps(rangeM: number): number {
    const r = this.ranges;
    const v = this.speeds;
    const last = r.length - 1;
    if (rangeM <= r[0]!) return v[0]!;
    if (rangeM >= r[last]!) return v[last]!;
    let i = 1;
    while (r[i]! < rangeM) i++;
    const f = (rangeM - r[i - 1]!) / (r[i]! - r[i - 1]!);
    return v[i - 1]! + f * (v[i]! - v[i - 1]!);
  }
  g(rel: ArrayLike<number>): number {
    const x = rel[0]!;
    const y = rel[1]!;
    const z = rel[2]!;
    const range = Math.sqrt(x * x + y * y + z * z);
    const closing = range > 0 ? -(x * rel[3]! + y * rel[4]! + z * rel[5]!) / range : 0;
    return this.allowedMps(range) - closing;
  }
}

/** `constraints.closingSpeed`. */
export const closingSpeed = defineConstraint({
  kind: 'closing-speed',
  title: 'Closing speed above the limit',
  label: 'Closing speed',
  weight: 5,
  key: 'closingSpeed',
  schema: closingSpeedSchema,
  targetDetectors: (s, i) => {
    const gates = isNonCooperative(s.spacecraft[i]!) ? undefined : s.constraints?.closingSpeed;
    return gates ? [new ClosingSpeedDetector(gates)] : [];
  },
  applies: (s, i) =>
    s.constraints?.closingSpeed !== undefined && !isNonCooperative(s.spacecraft[i]!),
  validate: (s, add) => {
    const gates = s.constraints?.closingSpeed ?? [];
    gates.forEach((g, j) => {
      const k = gates.findIndex((o) => o.rangeM === g.rangeM);
      if (k !== j)
        add(
          ['constraints', 'closingSpeed', j, 'rangeM'],
          `the same range as closingSpeed[${k}]: give each gate its own range`,
        );
    });
  },
});
