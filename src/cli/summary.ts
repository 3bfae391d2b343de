/** The human-readable summary (score card) that `rpo-sim run` prints. */

import type { RunReport } from '../scoring/report.ts';
import { burnName, formatMargin, notFlownText, passiveSafetyCause } from '../scoring/reportText.ts';
import { formatCollision } from './collisionSummary.ts';
import { gaugePhrases } from '../scoring/gaugeText.ts';

/** Formats seconds since the epoch as h:mm:ss.ss. */
export function formatElapsed(tS: number): string {
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

/** What a constraint or violation against another object says: ` of X's zone`, ` from X`. */
function againstText(k: { with?: string; zoneOf?: string }): string {
  if (k.zoneOf !== undefined) return ` of ${k.zoneOf}'s zone`;
  return k.with !== undefined ? ` from ${k.with}` : '';
}

/** Formats a run report as text: the score, one block per spacecraft, pairs and objectives. */
export function formatSummary(r: RunReport): string {
  const lines: string[] = [];
  lines.push(`${r.scenario}`);
  lines.push(
    `  epoch ${r.epoch}, ${(r.durationS / 3600).toFixed(2)} h at ${r.stepS} s steps, ${r.dynamics} dynamics, ${r.steps} steps`,
  );
  lines.push(
    `  SCORE ${r.score.overall.toFixed(1)} / 100  (safety ${r.score.safety}/65, efficiency ${r.score.efficiency}/15, objectives ${r.score.objectives}/20)`,
  );
  const others = r.spacecraft.filter((c) => c.role === 'non-cooperative').map((c) => c.id);
  if (others.length > 0) {
    lines.push(
      `  non-cooperative: ${others.join(', ')} (not ours: no score, not in the plan's delta-v)`,
    );
  }
  lines.push(...formatProvenance(r));
  if (r.score.incomplete) {
    const count = r.spacecraft.reduce(
      (n, c) => n + c.violations.filter((v) => v.kind === 'not-flown').length,
      0,
    );
    lines.push(
      `  INCOMPLETE: ${count} maneuver${count > 1 ? 's' : ''} not flown, the plan did not run as written (score capped at 75)`,
    );
  }
  const teamOf = new Map(r.teams?.flatMap((t) => t.spacecraft.map((id) => [id, t.team])));
  for (const c of r.spacecraft) {
    lines.push('');
    const team = teamOf.get(c.id);
    const tags = [
      c.role === 'non-cooperative' ? 'non-cooperative, no score' : null,
      team === undefined ? null : team === null ? 'no team' : `team ${team}`,
    ].filter((t) => t !== null);
    lines.push(tags.length > 0 ? `${c.id}  (${tags.join(', ')})` : c.id);
    const budget = c.budget.dvBudgetMps !== null ? ` of ${c.budget.dvBudgetMps} m/s budget` : '';
    lines.push(
      `  delta-v      ${c.totalDvMps.toFixed(4)} m/s used${budget} in ${c.burns.length} burn(s)`,
    );
    for (const [j, b] of c.burns.entries()) {
      const extra = b.missM !== undefined ? `  (arrival miss ${b.missM.toExponential(1)} m)` : '';
      lines.push(
        `    ${burnName(j).padEnd(8)} t+${formatElapsed(b.tS)}  ${b.maneuver.padEnd(8)} dv RIC ${vec(b.dvMps, 5)} m/s  |dv| ${Math.hypot(...b.dvMps).toFixed(5)} m/s${extra}`,
      );
    }
    for (const m of c.maneuvers) {
      if (m.startS === null) {
        const v = c.violations.find((x) => x.path?.endsWith(`.maneuvers[${m.index}]`));
        lines.push(
          `    ${v?.path ?? `maneuvers[${m.index}]`} ${m.type}${m.label ? ` "${m.label}"` : ''} NOT FLOWN: ${notFlownText(v?.reason, m.index, m.trigger)}`,
        );
      } else if (m.trigger !== undefined) {
        lines.push(
          `    maneuvers[${m.index}] ${m.type} triggered at t+${formatElapsed(m.startS)} by "${m.trigger}"`,
        );
      }
    }
    if (c.budget.propellantKg !== null)
      lines.push(`  propellant   ${c.budget.propellantKg.toFixed(3)} kg`);
    lines.push(
      `  min range    ${c.minRange.rangeM.toFixed(3)} m at t+${formatElapsed(c.minRange.tS)}`,
    );
    if (Number.isFinite(c.passiveSafety.worstRangeM)) {
      lines.push(
        `  passive      ${passiveSafetyCause(
          c,
          (t) => `t+${formatElapsed(t)}`,
          (m) => `${m.toFixed(1)} m`,
        )}`,
      );
    }
    for (const m of c.missedBurns ?? []) {
      lines.push(
        `  if ${burnName(m.burnIndex)} (t+${formatElapsed(m.tS)}) is skipped: min range ${m.minRangeM.toFixed(1)} m${m.violated.length ? `, violates ${m.violated.join(', ')}` : ''}`,
      );
    }
    for (const k of c.constraints) {
      lines.push(
        `  ${k.pass ? 'pass' : 'FAIL'}  ${k.kind.padEnd(18)}${againstText(k)} worst margin ${formatMargin(k.worstMargin, k.unit)} at t+${formatElapsed(k.worstTS)}${k.timeInViolationS > 0 ? `, ${k.timeInViolationS.toFixed(1)} s in violation` : ''}`,
      );
    }
    if (c.violations.length === 0) lines.push('  violations   none');
    for (const v of c.violations) {
      lines.push(
        v.kind === 'not-flown'
          ? `  VIOLATION    not-flown ${v.path ?? ''} (never started)`
          : `  VIOLATION    ${v.kind}${againstText(v)} from t+${formatElapsed(v.startS)} to t+${formatElapsed(v.endS)}`,
      );
    }
    lines.push(
      `  final RIC    r ${vec(c.final.positionM, 2)} m  v ${vec(c.final.velocityMps, 5)} m/s`,
    );
    if (c.accuracy) {
      lines.push(
        `  accuracy     final position error estimate ${c.accuracy.finalPositionErrorEstimateM.toExponential(1)} m (RK4 step doubling of the arc from t+${formatElapsed(c.accuracy.fromS)})`,
      );
      if (c.accuracy.warning) lines.push(`  WARNING      ${c.accuracy.warning}`);
    }
    if (c.modelGauge) {
      lines.push(
        `  model gauge  drift from the perturbed truth (same burns, open loop), RIC position: ${gaugePhrases(c.modelGauge, (t) => `t+${formatElapsed(t)}`).join('; ')}`,
      );
    }
  }
  if (r.pairs.length > 0) {
    lines.push('');
    for (const p of r.pairs) {
      lines.push(
        `${p.ids[0]} / ${p.ids[1]}: min range ${p.minRange.rangeM.toFixed(3)} m at t+${formatElapsed(p.minRange.tS)}`,
      );
    }
  }
  if (r.target) {
    lines.push('');
    lines.push(`Target burns (RIC of the target)`);
    for (const b of r.target.burns) {
      lines.push(
        `  target.maneuvers[${b.maneuverIndex}] t+${formatElapsed(b.tS)}  dv RIC ${vec(b.dvMps, 5)} m/s  |dv| ${Math.hypot(...b.dvMps).toFixed(5)} m/s`,
      );
    }
  }
  lines.push(...formatTeams(r));
  lines.push(...formatWarnings(r));
  if (r.objectives.length > 0) {
    lines.push('');
    lines.push('Objectives');
    for (const o of r.objectives) {
      const name = o.label ?? `objectives[${o.index}] ${o.type}`;
      const detail =
        o.type === 'observe'
          ? `${(o.achievedS ?? 0).toFixed(0)} of ${o.requiredS} s`
          : `faces ${o.facesCovered?.join(' ') || 'none'} seen${o.facesMissing?.length ? `, missing ${o.facesMissing.join(' ')}` : ''}`;
      lines.push(`  ${o.met ? 'met ' : 'NOT '} ${name}: ${detail}`);
    }
  }
  if (r.collision) lines.push(...formatCollision(r.collision, formatElapsed));
  if (r.lighting.eclipses.length > 0) {
    lines.push('');
    for (const e of r.lighting.eclipses) {
      lines.push(
        `Target in ${e.kind} from t+${formatElapsed(e.startS)} to t+${formatElapsed(e.endS)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The provenance lines: marking first (as on a classified page), then who, whence and license. */
function formatProvenance(r: RunReport): string[] {
  const p = r.provenance;
  if (!p) return [];
  const out: string[] = [];
  if (p.marking) out.push(`  MARKING ${p.marking}`);
  const who = [p.author, p.organization].filter((x) => x).join(', ');
  if (who) out.push(`  author  ${who}`);
  for (const src of typeof p.source === 'string' ? [p.source] : (p.source ?? []))
    out.push(`  source  ${src}`);
  if (p.license) out.push(`  license ${p.license}`);
  return out;
}

const teamName = (t: string | null) => t ?? '(no team)';

/** One line per team (its overall score and members), then the closest approach between teams. */
function formatTeams(r: RunReport): string[] {
  if (!r.teams) return [];
  const out = ['', 'Teams'];
  for (const t of r.teams) {
    const s = t.score;
    out.push(
      `  ${teamName(t.team).padEnd(12)} SCORE ${s.overall.toFixed(1)} / 100  (safety ${s.safety}/65, efficiency ${s.efficiency}/15, objectives ${s.objectives}/20${s.incomplete ? ', INCOMPLETE' : ''})  ${t.spacecraft.join(', ')}`,
    );
  }
  for (const p of r.teamSeparations ?? []) {
    out.push(
      `  ${teamName(p.teams[0])} / ${teamName(p.teams[1])}: min range ${p.minRange.rangeM.toFixed(3)} m at t+${formatElapsed(p.minRange.tS)} (${p.minRange.ids[0]} / ${p.minRange.ids[1]})`,
    );
  }
  return out;
}

/** The warning-range entries and exits, one line each. */
function formatWarnings(r: RunReport): string[] {
  const w = r.warnings;
  if (!w) return [];
  const out = ['', `Warnings (range below ${w.warnRangeM} m)`];
  if (w.events.length === 0) out.push('  none');
  for (const e of w.events) {
    const what = e.event === 'enter' ? 'enters' : 'leaves';
    const other = e.otherKind === 'target' ? `target ${e.other}` : e.other;
    out.push(
      `  t+${formatElapsed(e.tS)}  ${e.id} ${what} the warning range of ${other} (range ${e.rangeM.toFixed(1)} m)`,
    );
  }
  return out;
}
