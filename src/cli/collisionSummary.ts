/** Text lines of a report's `collision` block, for the `rpo-sim run` summary. */

import type { CollisionReport } from '../collision/scenarioPc.ts';

/** A probability in 4 significant digits (0 as 0). */
export function formatPc(p: number): string {
  return p === 0 ? '0' : p.toExponential(3);
}

/** The collision block as text lines (no trailing newline). */
export function formatCollision(
  c: CollisionReport,
  formatElapsed: (tS: number) => string,
): string[] {
  const lines = [
    '',
    `Collision probability (hard-body radius ${c.hardBodyRadiusM ?? 'not given'}${c.hardBodyRadiusM === null ? '' : ' m'}, covariance ${c.covariancePropagation})`,
  ];
  for (const k of c.conjunctions) {
    const mc = k.pcMonteCarlo;
    const mcText = mc
      ? `, Monte Carlo ${formatPc(mc.p)} [${formatPc(mc.lo)}, ${formatPc(mc.hi)}] (${mc.trials} trials)`
      : '';
    lines.push(
      `  ${k.ids[0]} / ${k.ids[1]} at t+${formatElapsed(k.tS)}: Pc ${formatPc(k.pc)} (${k.method}); ` +
        `2D ${formatPc(k.pc2d)} (short-encounter test ${k.valid2d ? 'passed' : 'failed'})` +
        `${k.pc3d === null ? '' : `, 3D ${formatPc(k.pc3d)}`}${mcText}; ` +
        `miss ${k.missDistanceM.toFixed(2)} m at ${k.relativeSpeedMps.toPrecision(3)} m/s`,
    );
  }
  for (const s of c.skipped) lines.push(`  not assessed: ${s}`);
  return lines;
}
