/** The human-readable summary that `rpo-sim run` prints. */

import type { RunReport } from '../sim/report.ts';

function fmtTime(tS: number): string {
  const sign = tS < 0 ? '-' : '';
  const t = Math.abs(tS);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  return `${sign}${h}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
}

function vec(v: readonly number[], digits: number): string {
  return `[${v.map((x) => x.toFixed(digits)).join(', ')}]`;
}

/** Formats a run report as text: one block per spacecraft, then the pairs. */
export function formatSummary(r: RunReport): string {
  const lines: string[] = [];
  lines.push(`${r.scenario}`);
  lines.push(
    `  epoch ${r.epoch}, ${(r.durationS / 3600).toFixed(2)} h at ${r.stepS} s steps, ${r.dynamics} dynamics, ${r.steps} steps`,
  );
  for (const c of r.spacecraft) {
    lines.push('');
    lines.push(`${c.id}`);
    lines.push(`  delta-v      ${c.totalDvMps.toFixed(4)} m/s in ${c.burns.length} burn(s)`);
    for (const b of c.burns) {
      const extra = b.missM !== undefined ? `  (arrival miss ${b.missM.toExponential(1)} m)` : '';
      lines.push(
        `    t+${fmtTime(b.tS)}  ${b.maneuver.padEnd(8)} dv RIC ${vec(b.dvMps, 5)} m/s  |dv| ${Math.hypot(...b.dvMps).toFixed(5)}${extra}`,
      );
    }
    lines.push(`  min range    ${c.minRange.rangeM.toFixed(3)} m at t+${fmtTime(c.minRange.tS)}`);
    lines.push(
      `  final RIC    r ${vec(c.final.positionM, 2)} m  v ${vec(c.final.velocityMps, 5)} m/s`,
    );
    if (c.finalMassKg !== undefined) lines.push(`  final mass   ${c.finalMassKg.toFixed(3)} kg`);
    if (c.violations.length === 0) lines.push('  violations   none');
    for (const v of c.violations) {
      lines.push(`  VIOLATION    ${v.kind} from t+${fmtTime(v.startS)} to t+${fmtTime(v.endS)}`);
    }
  }
  if (r.pairs.length > 0) {
    lines.push('');
    for (const p of r.pairs) {
      lines.push(
        `${p.ids[0]} / ${p.ids[1]}: min range ${p.minRange.rangeM.toFixed(3)} m at t+${fmtTime(p.minRange.tS)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
