/** The model gauge (src/sim/gauge.ts) in words, for the CLI summary and the app's score card. */

import type { ModelGauge } from '../sim/gauge.ts';

/** Display names of the gauged models. */
export const GAUGED_MODEL_NAMES: Readonly<
  Record<ModelGauge['models'][number]['dynamics'], string>
> = {
  cw: 'CW',
  ya: 'YA',
  nonlinear: 'two-body',
};

/** A position difference with its unit: m below 10 km (mm resolution under 10 m), else km. */
export function formatDifference(m: number): string {
  if (m >= 10_000) return `${(m / 1000).toFixed(2)} km`;
  return `${m.toFixed(m < 10 ? 3 : 1)} m`;
}

/**
 * One phrase per gauged model, e.g. "CW final 12.3 m, worst 15.0 m at t+20:00:00".
 * @param time formats a time since the epoch, s
 */
export function gaugePhrases(g: ModelGauge, time: (tS: number) => string): string[] {
  return g.models.map(
    (m) =>
      `${GAUGED_MODEL_NAMES[m.dynamics]} final ${formatDifference(m.finalPositionDifferenceM)}, worst ${formatDifference(m.worstPositionDifferenceM)} at ${time(m.worstTS)}`,
  );
}
